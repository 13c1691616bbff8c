"""Where a person is in the conversation, named for what they are doing."""

from aiogram.fsm.state import State, StatesGroup


class Conversation(StatesGroup):
    choosing_language = State()
    choosing_role = State()
    choosing_experiment = State()
    rating = State()
    answering_question = State()
    writing_comment = State()
    confirming_forget = State()


# The steps of giving one feedback: a question is open and its buttons are live.
FEEDBACK_STEPS = frozenset(
    {
        Conversation.choosing_experiment.state,
        Conversation.rating.state,
        Conversation.answering_question.state,
        Conversation.writing_comment.state,
    }
)

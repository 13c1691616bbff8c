"""The web pages' texts: key → (fi, sv, en). Data only; `i18n.Translator` reads it.

A test checks that every key has all three languages and that every key the templates use
is here.
"""

from __future__ import annotations

from typing import Final

MESSAGES: Final[dict[str, tuple[str, str, str]]] = {
    # layout
    "site.name": ("Kokeilu", "Kokeilu", "Kokeilu"),
    "site.tagline": (
        "Kaupungin palvelukokeilut",
        "Stadens serviceförsök",
        "The city's service experiments",
    ),
    "site.skip": ("Siirry sisältöön", "Hoppa till innehållet", "Skip to content"),
    "site.language": ("Kieli", "Språk", "Language"),
    "site.footer": (
        "Palautteesi ratkaisee, mitkä kokeillut palvelut kaupunki ottaa käyttöön.",
        "Din respons avgör vilka av de prövade tjänsterna staden tar i bruk.",
        "Your feedback decides which of the services tried out the city takes into use.",
    ),
    "site.staff_link": ("Henkilöstölle", "För personalen", "For city staff"),
    "site.home": ("Etusivu", "Startsida", "Home"),
    # the list of running experiments
    "index.title": ("Kokeilut käynnissä nyt", "Pågående försök", "Experiments running now"),
    "index.intro": (
        "Kaupunki kokeilee uusia palveluita yhdessä asukkaiden, yritysten ja omien "
        "työntekijöidensä kanssa. Kerro, miten kokeilu toimi sinulle – palautteesi ratkaisee, "
        "otetaanko palvelu käyttöön.",
        "Staden prövar nya tjänster tillsammans med invånare, företag och sina egna anställda. "
        "Berätta hur försöket fungerade för dig – din respons avgör om tjänsten tas i bruk.",
        "The city tries out new services together with residents, companies and its own "
        "staff. Tell us how an experiment worked for you — your feedback decides whether the "
        "service is taken into use.",
    ),
    "index.empty": (
        "Juuri nyt ei ole käynnissä kokeiluja, joista voisi antaa palautetta.",
        "Just nu pågår inga försök som du kan ge respons på.",
        "No experiment is collecting feedback right now.",
    ),
    "index.until": ("Käynnissä {date} asti", "Pågår till {date}", "Runs until {date}"),
    "index.give": ("Anna palautetta", "Ge respons", "Give feedback"),
    "index.give_on": (
        "Anna palautetta: {title}",
        "Ge respons: {title}",
        "Give feedback: {title}",
    ),
    # the feedback form
    "form.lead": (
        "Kerro, miten kokeilu toimi. Kaikki kysymykset ovat vapaaehtoisia roolia lukuun "
        "ottamatta – vastaa niihin, joihin haluat.",
        "Berätta hur försöket fungerade. Alla frågor utom den om din roll är frivilliga – "
        "svara på dem du vill.",
        "Tell us how the experiment worked. Every question except your role is optional — "
        "answer the ones you like.",
    ),
    "form.role": ("Kuka olet?", "Vem är du?", "Who are you?"),
    "form.rating": (
        "Kuinka hyvin kokeilu toimi?",
        "Hur bra fungerade försöket?",
        "How well did the experiment work?",
    ),
    "form.rating_hint": (
        "1 = huonosti, 5 = erinomaisesti",
        "1 = dåligt, 5 = utmärkt",
        "1 = poorly, 5 = excellently",
    ),
    "form.rating_low": ("huonosti", "dåligt", "poorly"),
    "form.rating_high": ("erinomaisesti", "utmärkt", "excellently"),
    "form.rating_value": ("{n} / 5", "{n} / 5", "{n} out of 5"),
    "form.would_use": (
        "Käyttäisitkö palvelua uudelleen?",
        "Skulle du använda tjänsten igen?",
        "Would you use this service again?",
    ),
    "form.would_use_hint": (
        "Asukkaille, asiakkaille ja kumppaneille.",
        "För invånare, kunder och partner.",
        "For residents, customers and partners.",
    ),
    "form.fits_work": (
        "Sopiiko palvelu osaksi työtäsi?",
        "Passar tjänsten in i ditt arbete?",
        "Does the service fit into your work?",
    ),
    "form.fits_work_hint": (
        "Kaupungin työntekijöille.",
        "För stadens anställda.",
        "For city employees.",
    ),
    "form.text": (
        "Mikä toimi ja mikä ei? Kerro omin sanoin.",
        "Vad fungerade och vad inte? Berätta med egna ord.",
        "What worked and what didn't? Tell us in your own words.",
    ),
    "form.text_hint": (
        "Kaupungin työntekijät: kerro myös, miten palvelu vaikuttaa työhösi. "
        "Enintään {max} merkkiä.",
        "Stadens anställda: berätta också hur tjänsten påverkar ditt arbete. Högst {max} tecken.",
        "City employees: tell us also how the service affects your work. At most {max} characters.",
    ),
    "form.optional": ("vapaaehtoinen", "frivilligt", "optional"),
    "form.required": ("pakollinen", "obligatoriskt", "required"),
    "form.submit": ("Lähetä palaute", "Skicka respons", "Send feedback"),
    "form.errors_title": (
        "Tarkista vastauksesi",
        "Kontrollera dina svar",
        "Please check your answers",
    ),
    "form.error_label": ("Virhe", "Fel", "Error"),
    "form.error.role": ("Valitse, kuka olet.", "Välj vem du är.", "Choose who you are."),
    "form.error.choice": (
        "Valitse yksi vaihtoehdoista.",
        "Välj ett av alternativen.",
        "Choose one of the options.",
    ),
    "form.error.nothing": (
        "Anna arvio, vastaa kysymykseen tai kirjoita kommentti.",
        "Ge ett betyg, svara på frågan eller skriv en kommentar.",
        "Give a rating, answer the question or write a comment.",
    ),
    "form.error.rate_limited": (
        "Lähetit juuri monta palautetta. Odota {seconds} sekuntia ja lähetä uudelleen.",
        "Du har just skickat många svar. Vänta {seconds} sekunder och skicka igen.",
        "You have just sent a lot of feedback. Please wait {seconds} seconds and send again.",
    ),
    "form.error.too_long": (
        "Kommentti on liian pitkä: {length} merkkiä, enintään {max}.",
        "Kommentaren är för lång: {length} tecken, högst {max}.",
        "The comment is too long: {length} characters, at most {max}.",
    ),
    "form.error.would_use_for_employee": (
        "Tämä kysymys on asukkaille, asiakkaille ja kumppaneille. Kaupungin työntekijänä "
        "vastaa työtä koskevaan kysymykseen.",
        "Frågan är för invånare, kunder och partner. Som anställd vid staden svarar du på "
        "frågan om ditt arbete.",
        "This question is for residents, customers and partners. As a city employee, please "
        "answer the question about your work instead.",
    ),
    "form.error.fits_work_for_others": (
        "Tämä kysymys on kaupungin työntekijöille.",
        "Frågan är för stadens anställda.",
        "This question is for city employees.",
    ),
    "form.error.resubmitted": (
        "Tämä lomake oli jo lähetetty. Tarkista vastauksesi ja lähetä ne uudelleen.",
        "Formuläret hade redan skickats. Kontrollera dina svar och skicka dem igen.",
        "This form had already been sent. Please check your answers and send them again.",
    ),
    "form.telegram": (
        "Voit antaa palautetta myös Telegramissa.",
        "Du kan också ge respons på Telegram.",
        "You can also give feedback on Telegram.",
    ),
    "form.telegram_open": ("Avaa Telegramissa", "Öppna i Telegram", "Open in Telegram"),
    "form.share": (
        "Lomakkeen osoite ja QR-koodi",
        "Formulärets adress och QR-kod",
        "This form's address and QR code",
    ),
    "qr.form_alt": (
        "QR-koodi tämän palautelomakkeen osoitteeseen {url}",
        "QR-kod till det här responsformulärets adress {url}",
        "QR code for this feedback form's address, {url}",
    ),
    "qr.bot_alt": (
        "QR-koodi palautebottiin Telegramissa: {url}",
        "QR-kod till responsboten på Telegram: {url}",
        "QR code for the feedback bot on Telegram, {url}",
    ),
    # privacy notice (kept in line with the bot's /privacy)
    "privacy.title": ("Tietosuoja", "Dataskydd", "Privacy"),
    "privacy.summary": (
        "Palaute annetaan nimettömänä. Älä kirjoita kommenttiin nimeäsi tai yhteystietojasi.",
        "Responsen ges anonymt. Skriv inte ditt namn eller dina kontaktuppgifter i kommentaren.",
        "Feedback is anonymous. Please do not write your name or contact details in the comment.",
    ),
    "privacy.stored": (
        "Tallennamme roolisi, vastauksesi, arviosi, kommenttisi ja päivämäärän – emme nimeä "
        "emmekä IP-osoitetta. Sähköpostiosoitteet, puhelinnumerot, henkilötunnukset ja "
        "tilinumerot poistetaan kommentista ennen tallennusta.",
        "Vi sparar din roll, dina svar, ditt betyg, din kommentar och datumet – inte namn "
        "eller IP-adress. E-postadresser, telefonnummer, personbeteckningar och kontonummer "
        "tas bort ur kommentaren innan den sparas.",
        "We store your role, answers, rating, comment and the date — no name and no IP "
        "address. E-mail addresses, phone numbers, personal identity codes and bank account "
        "numbers are removed from the comment before it is saved.",
    ),
    "privacy.why": (
        "Kaupunki päättää palautteen perusteella, tuleeko kokeillusta palvelusta osa sen "
        "palveluja. Raporteissa alle viiden vastaajan ryhmiä ei eritellä.",
        "Staden beslutar utifrån responsen om den prövade tjänsten blir en del av dess "
        "tjänster. Grupper med färre än fem svarande redovisas inte separat i rapporterna.",
        "The city uses the feedback to decide whether the service becomes part of its "
        "services. Reports do not break down groups of fewer than five respondents.",
    ),
    "privacy.retention": (
        "Vanha palaute anonymisoidaan: teksti poistetaan, luvut jäävät tilastoihin.",
        "Gammal respons anonymiseras: texten raderas, siffrorna stannar kvar i statistiken.",
        "Old feedback is anonymised: the text is deleted, the numbers stay in the statistics.",
    ),
    "privacy.cookies": (
        "Sivusto käyttää vain välttämättömiä evästeitä: yksi suojaa lomaketta väärinkäytöltä "
        "ja toinen muistaa kielivalintasi.",
        "Webbplatsen använder bara nödvändiga kakor: en skyddar formuläret mot missbruk och "
        "en kommer ihåg ditt språkval.",
        "This site uses only necessary cookies: one protects the form against misuse, the "
        "other remembers your language.",
    ),
    # after sending
    "thanks.title": (
        "Kiitos palautteestasi!",
        "Tack för din respons!",
        "Thank you for your feedback!",
    ),
    "thanks.text": (
        "Palautteesi on tallennettu, ja se otetaan huomioon, kun kokeilua arvioidaan.",
        "Din respons har sparats och beaktas när försöket utvärderas.",
        "Your feedback has been saved and will count when the experiment is evaluated.",
    ),
    "thanks.redacted": (
        "Poistimme kommentistasi henkilötietoja ({n} kpl) ennen tallennusta.",
        "Vi tog bort personuppgifter ({n} st.) ur din kommentar innan den sparades.",
        "We removed personal details ({n}) from your comment before saving it.",
    ),
    "thanks.again": (
        "Anna lisää palautetta tästä kokeilusta",
        "Ge mer respons om det här försöket",
        "Give more feedback on this experiment",
    ),
    "thanks.others": (
        "Katso muut käynnissä olevat kokeilut",
        "Se de andra pågående försöken",
        "See the other running experiments",
    ),
    # a form of an experiment that does not take feedback
    "closed.title": (
        "Tähän kokeiluun ei voi enää antaa palautetta",
        "Det går inte längre att ge respons på det här försöket",
        "This experiment no longer takes feedback",
    ),
    "closed.ended": (
        "Kokeilu on päättynyt. Kiitos kaikille, jotka kertoivat kokemuksistaan – palautetta "
        "käytetään nyt, kun päätetään palvelun jatkosta.",
        "Försöket har avslutats. Tack till alla som berättade om sina erfarenheter – "
        "responsen används nu när man beslutar om tjänstens framtid.",
        "The experiment has ended. Thank you to everyone who shared their experience — the "
        "feedback is now used to decide the service's future.",
    ),
    "closed.adopted": (
        "Hyviä uutisia: palvelu on otettu osaksi kaupungin palveluita. Palautteenne auttoi "
        "päätöksessä – kiitos!",
        "Goda nyheter: tjänsten har blivit en del av stadens tjänster. Er respons hjälpte "
        "till med beslutet – tack!",
        "Good news: the service has become part of the city's services. Your feedback "
        "helped make the decision — thank you!",
    ),
    "closed.discontinued": (
        "Kokeilu lopetettiin. Kiitos kaikille, jotka kertoivat kokemuksistaan – palautteesta "
        "opitaan seuraaviin kokeiluihin.",
        "Försöket avbröts. Tack till alla som berättade om sina erfarenheter – responsen "
        "hjälper oss i kommande försök.",
        "The experiment was stopped. Thank you to everyone who shared their experience — "
        "the feedback helps with the experiments to come.",
    ),
    "closed.others": (
        "Nämä kokeilut ottavat vastaan palautetta nyt:",
        "De här försöken tar emot respons nu:",
        "These experiments are taking feedback now:",
    ),
    # errors
    "error.not_found.title": ("Sivua ei löytynyt", "Sidan hittades inte", "Page not found"),
    "error.not_found.text": (
        "Etsimääsi sivua ei ole, tai sinulla ei ole siihen pääsyä.",
        "Sidan du söker finns inte, eller så har du inte tillgång till den.",
        "The page you are looking for does not exist, or you do not have access to it.",
    ),
    "error.csrf.title": (
        "Lomake vanheni",
        "Formuläret har gått ut",
        "This form has expired",
    ),
    "error.csrf.text": (
        "Emme voineet varmistaa, että lähetys tuli tältä sivustolta. Näin käy yleensä, kun "
        "sivu on ollut auki pitkään tai selain estää evästeet. Palaa lomakkeeseen, lataa se "
        "uudelleen ja lähetä uudestaan.",
        "Vi kunde inte bekräfta att inskickningen kom från den här webbplatsen. Det händer "
        "oftast när sidan har varit öppen länge eller webbläsaren blockerar kakor. Gå "
        "tillbaka, ladda om formuläret och skicka igen.",
        "We could not confirm that the submission came from this site. This usually "
        "happens when the page was open for a long time or the browser blocks cookies. Go "
        "back, reload the form and send it again.",
    ),
    "error.forbidden.title": ("Ei oikeutta", "Ingen behörighet", "Not allowed"),
    "error.forbidden.text": (
        "Tunnuksellasi ei voi tehdä tätä.",
        "Du kan inte göra det här med ditt konto.",
        "Your sign-in does not allow this.",
    ),
    "error.invalid.title": ("Virheellinen pyyntö", "Ogiltig begäran", "Invalid request"),
    "error.conflict.title": (
        "Pyyntöä ei voitu toteuttaa",
        "Begäran kunde inte utföras",
        "The request could not be completed",
    ),
    "error.unavailable.title": (
        "Palvelu on hetken poissa käytöstä",
        "Tjänsten är tillfälligt otillgänglig",
        "The service is temporarily unavailable",
    ),
    "error.unavailable.text": (
        "Yritä hetken kuluttua uudelleen.",
        "Försök igen om en stund.",
        "Please try again in a moment.",
    ),
    "error.home": ("Etusivulle", "Till startsidan", "Go to the front page"),
    # staff: sign-in
    "staff.title": ("Henkilöstö", "Personal", "Staff"),
    "staff.login.title": (
        "Kirjaudu henkilöstön näkymään",
        "Logga in i personalvyn",
        "Sign in to the staff dashboard",
    ),
    "staff.login.lead": (
        "Kirjaudu tunnisteella, jonka ylläpitäjä loi komennolla kokeilu token create.",
        "Logga in med den token som administratören skapade med kommandot kokeilu token create.",
        "Sign in with the token an administrator made with the command kokeilu token create.",
    ),
    "staff.login.token": ("Tunniste (token)", "Token", "Token"),
    "staff.login.submit": ("Kirjaudu", "Logga in", "Sign in"),
    "staff.login.invalid": (
        "Tunniste on väärä tai se on peruttu.",
        "Token är fel eller har återkallats.",
        "The token is wrong or has been revoked.",
    ),
    "staff.logout": ("Kirjaudu ulos", "Logga ut", "Sign out"),
    "staff.signed_in_as": ("Kirjautunut: {name}", "Inloggad: {name}", "Signed in: {name}"),
    "staff.role.admin": ("ylläpitäjä", "administratör", "admin"),
    "staff.role.staff": ("ohjelman henkilöstö", "programpersonal", "programme staff"),
    "staff.role.owner": ("kokeilun omistaja", "försökets ägare", "experiment owner"),
    # staff: programme overview
    "overview.title": ("Ohjelman yleiskuva", "Programöversikt", "Programme overview"),
    "overview.owner_note": (
        "Näet vain omat kokeilusi.",
        "Du ser bara dina egna försök.",
        "You see your own experiments only.",
    ),
    "overview.experiments": ("Kokeiluja", "Försök", "Experiments"),
    "overview.carried_out": (
        "{n} toteutettu",
        "{n} genomförda",
        "{n} carried out",
    ),
    "overview.participants": ("Osallistujia", "Deltagare", "Participants"),
    "overview.feedback": ("Palautteita", "Responser", "Feedback items"),
    "overview.partners": ("Kumppaneita", "Partner", "Partner organisations"),
    "overview.by_status": (
        "Kokeilut tilan mukaan",
        "Försök efter status",
        "Experiments by status",
    ),
    "overview.by_role": (
        "Osallistujat roolin mukaan",
        "Deltagare efter roll",
        "Participants by role",
    ),
    "overview.by_month": (
        "Palautteen määrä kuukausittain",
        "Mängden respons per månad",
        "Feedback volume by month",
    ),
    "overview.list": ("Kokeilut", "Försöken", "The experiments"),
    "overview.partner_list": (
        "Kumppaniyritykset ja -yhteisöt",
        "Partnerföretag och -organisationer",
        "Partner companies and communities",
    ),
    "overview.none": ("Ei kokeiluja.", "Inga försök.", "No experiments."),
    "overview.top_themes": ("Yleisimmät teemat", "Vanligaste teman", "Top themes"),
    "overview.summary.status": (
        "{total} kokeilua, joista {carried} toteutettu ja {running} käynnissä.",
        "{total} försök, varav {carried} genomförda och {running} pågående.",
        "{total} experiments: {carried} carried out, {running} running now.",
    ),
    "overview.summary.role": (
        "{total} osallistujaa; eniten: {top} ({n}).",
        "{total} deltagare; flest: {top} ({n}).",
        "{total} participants; the largest group: {top} ({n}).",
    ),
    "overview.summary.month": (
        "{total} palautetta {months} kuukauden aikana; vilkkain kuukausi {peak} ({n}).",
        "{total} responser under {months} månader; flest i {peak} ({n}).",
        "{total} feedback items over {months} months; the busiest month was {peak} ({n}).",
    ),
    # common column and field names
    "col.experiment": ("Kokeilu", "Försök", "Experiment"),
    "col.status": ("Tila", "Status", "Status"),
    "col.count": ("Määrä", "Antal", "Count"),
    "col.feedback": ("Palautteita", "Responser", "Feedback"),
    "col.participants": ("Osallistujia", "Deltagare", "Participants"),
    "col.mean_rating": ("Arvion ka.", "Medelbetyg", "Mean rating"),
    "col.positive_share": ("Myönteisiä", "Positiva", "Positive"),
    "col.negative_share": ("Kielteisiä", "Negativa", "Negative"),
    "col.role": ("Rooli", "Roll", "Role"),
    "col.month": ("Kuukausi", "Månad", "Month"),
    "col.week": ("Viikko", "Vecka", "Week"),
    "col.rating": ("Arvio", "Betyg", "Rating"),
    "col.theme": ("Teema", "Tema", "Theme"),
    "col.share": ("Osuus", "Andel", "Share"),
    "col.sentiment": ("Sävy", "Ton", "Sentiment"),
    "col.language": ("Kieli", "Språk", "Language"),
    "col.date": ("Päivä", "Datum", "Date"),
    "col.channel": ("Kanava", "Kanal", "Channel"),
    "col.text": ("Kommentti", "Kommentar", "Comment"),
    "col.themes": ("Teemat", "Teman", "Themes"),
    "col.answer": ("Vastaus", "Svar", "Answer"),
    "col.total": ("Yhteensä", "Totalt", "Total"),
    "col.unclassified": ("Luokittelematta", "Oklassificerade", "Not classified"),
    "week.label": ("vk {week}/{year}", "v. {week}/{year}", "wk {week}/{year}"),
    # vocabularies
    "status.proposed": ("Ehdotettu", "Föreslaget", "Proposed"),
    "status.declined": ("Hylätty", "Avslaget", "Declined"),
    "status.running": ("Käynnissä", "Pågår", "Running"),
    "status.ended": ("Päättynyt", "Avslutat", "Ended"),
    "status.adopted": ("Otettu käyttöön", "Infört", "Adopted"),
    "status.discontinued": ("Keskeytetty", "Avbrutet", "Discontinued"),
    "role.resident": ("Asukas", "Invånare", "Resident"),
    "role.customer": ("Asiakas", "Kund", "Customer"),
    "role.employee": ("Kaupungin työntekijä", "Anställd vid staden", "City employee"),
    "role.partner": ("Kumppani", "Partner", "Partner"),
    "role.partner_long": (
        "Kumppaniyritys tai -yhteisö",
        "Partnerföretag eller -organisation",
        "Partner company or community",
    ),
    "roles.resident": ("Asukkaat", "Invånare", "Residents"),
    "roles.customer": ("Asiakkaat", "Kunder", "Customers"),
    "roles.employee": ("Työntekijät", "Anställda", "Employees"),
    "roles.partner": ("Kumppanit", "Partner", "Partners"),
    "sentiment.positive": ("Myönteinen", "Positiv", "Positive"),
    "sentiment.neutral": ("Neutraali", "Neutral", "Neutral"),
    "sentiment.negative": ("Kielteinen", "Negativ", "Negative"),
    "would_use.yes": ("Kyllä", "Ja", "Yes"),
    "would_use.maybe": ("Ehkä", "Kanske", "Maybe"),
    "would_use.no": ("En", "Nej", "No"),
    "fits_work.yes": ("Kyllä", "Ja", "Yes"),
    "fits_work.partly": ("Osittain", "Delvis", "Partly"),
    "fits_work.no": ("Ei", "Nej", "No"),
    "channel.telegram": ("Telegram", "Telegram", "Telegram"),
    "channel.web": ("Verkkolomake", "Webbformulär", "Web form"),
    "channel.api": ("Rajapinta", "API", "API"),
    "lang.fi": ("suomi", "finska", "Finnish"),
    "lang.sv": ("ruotsi", "svenska", "Swedish"),
    "lang.en": ("englanti", "engelska", "English"),
    "lang.other": ("muu", "annat", "other"),
    "theme.unclear": ("Epäselvä", "Oklart", "Unclear"),
    # service areas of the demo programme (other values are shown as they are)
    "area.library": ("Kirjastot", "Bibliotek", "Libraries"),
    "area.school": ("Koulut", "Skolor", "Schools"),
    "area.day_care": ("Varhaiskasvatus", "Småbarnspedagogik", "Early childhood education"),
    "area.elderly_care": ("Vanhuspalvelut", "Äldreomsorg", "Elderly care"),
    "area.health": ("Terveyspalvelut", "Hälsovård", "Health services"),
    "area.transport": ("Liikenne", "Trafik", "Transport"),
    "area.environment": ("Ympäristö", "Miljö", "Environment"),
    "area.work_processes": (
        "Kaupungin työprosessit",
        "Stadens arbetsprocesser",
        "The city's work processes",
    ),
    "area.culture_sports": ("Kulttuuri ja liikunta", "Kultur och idrott", "Culture and sports"),
    # charts
    "chart.show_table": ("Näytä taulukkona", "Visa som tabell", "Show as a table"),
    "chart.table_of": ("Taulukko: {title}", "Tabell: {title}", "Table: {title}"),
    "chart.weekly.title": (
        "Palautteen sävy viikoittain",
        "Responsens ton per vecka",
        "Sentiment of feedback by week",
    ),
    "chart.weekly.summary": (
        "{weeks} viikkoa ({first} – {last}), yhteensä {n} palautetta.",
        "{weeks} veckor ({first} – {last}), sammanlagt {n} responser.",
        "{weeks} weeks ({first} – {last}), {n} feedback items in all.",
    ),
    "chart.sentiment_split": (
        "Luokitelluista {n} palautteesta {positive} on myönteisiä ja {negative} kielteisiä.",
        "Av de {n} klassificerade responserna är {positive} positiva och {negative} negativa.",
        "Of the {n} classified items, {positive} are positive and {negative} negative.",
    ),
    "chart.weekly.trend": (
        "Neljän viime viikon aikana myönteisiä oli {recent} (aiemmin {earlier}).",
        "Under de fyra senaste veckorna var {recent} positiva (tidigare {earlier}).",
        "In the last four weeks {recent} were positive (before that {earlier}).",
    ),
    "chart.not_classified": (
        "{n} palautetta ei ole vielä luokiteltu, eikä niitä näytetä kaaviossa.",
        "{n} responser är ännu inte klassificerade och visas inte i diagrammet.",
        "{n} items are not classified yet and are not shown in the chart.",
    ),
    "chart.roles.title": (
        "Palautteen sävy vastaajaryhmittäin",
        "Responsens ton per svarsgrupp",
        "Sentiment by respondent group",
    ),
    "chart.roles.line": (
        "{role}: {positive} myönteisiä, {negative} kielteisiä ({n} luokiteltua).",
        "{role}: {positive} positiva, {negative} negativa ({n} klassificerade).",
        "{role}: {positive} positive, {negative} negative ({n} classified).",
    ),
    "chart.roles.hidden": (
        "Ei eritelty (alle 5 vastaajaa): {roles}.",
        "Redovisas inte separat (färre än 5 svarande): {roles}.",
        "Not broken down (fewer than 5 respondents): {roles}.",
    ),
    "chart.roles.none": (
        "Yksikään ryhmä ei ole tarpeeksi suuri eriteltäväksi, tai palautetta ei ole vielä "
        "luokiteltu.",
        "Ingen grupp är stor nog att redovisas separat, eller så är responsen ännu inte "
        "klassificerad.",
        "No group is large enough to break down, or the feedback is not classified yet.",
    ),
    "chart.share_of_classified": (
        "Osuus luokitelluista palautteista",
        "Andel av klassificerade responser",
        "Share of classified feedback",
    ),
    "chart.rating.title": ("Arvioiden jakauma", "Betygsfördelning", "Distribution of ratings"),
    "chart.rating.summary": (
        "{n} arviota, keskiarvo {mean}. Arvion 4 tai 5 antoi {high}, arvion 1 tai 2 {low}.",
        "{n} betyg, medelvärde {mean}. Betyget 4 eller 5 gav {high}, betyget 1 eller 2 {low}.",
        "{n} ratings, mean {mean}. {high} gave 4 or 5, {low} gave 1 or 2.",
    ),
    "chart.themes.title": (
        "Teemat ja niiden sävy",
        "Teman och deras ton",
        "Themes and their sentiment",
    ),
    "chart.themes.axis": ("Mainintoja", "Omnämnanden", "Mentions"),
    "chart.themes.summary": (
        "{themes} teemaa {comments} kommentissa. Eniten mainittiin: {top}.",
        "{themes} teman i {comments} kommentarer. Flest omnämnanden: {top}.",
        "{themes} themes in {comments} comments. Mentioned most: {top}.",
    ),
    "chart.themes.extremes": (
        "Myönteisin teema on {best} ({best_share} myönteisiä), kielteisin {worst} "
        "({worst_share} kielteisiä).",
        "Mest positivt är {best} ({best_share} positiva), mest negativt {worst} "
        "({worst_share} negativa).",
        "The most positive theme is {best} ({best_share} positive), the most negative "
        "{worst} ({worst_share} negative).",
    ),
    "col.mentions": ("Mainintoja", "Omnämnanden", "Mentions"),
    "col.share_of_comments": (
        "Osuus kommenteista",
        "Andel av kommentarerna",
        "Share of comments",
    ),
    "col.week_start": ("Alkaen", "Från", "From"),
    "small_group": ("ei eritelty", "redovisas inte", "not broken down"),
    # the report
    "report.title": ("Kokeilun raportti", "Försökets rapport", "Experiment report"),
    "report.owner": ("Omistaja: {name}", "Ägare: {name}", "Owner: {name}"),
    "report.partners": ("Kumppanit: {names}", "Partner: {names}", "Partners: {names}"),
    "report.download": ("Lataa raportti", "Ladda ner rapporten", "Download"),
    "report.toc": ("Tällä sivulla", "På den här sidan", "On this page"),
    "report.scorecard": ("Arviointikortti", "Utvärderingskort", "Scorecard"),
    "report.scorecard_lead": (
        "Ohjelman kolme kysymystä, jokainen vastattu alla näkyvän näytön perusteella.",
        "Programmets tre frågor, var och en besvarad utifrån de belägg som visas nedan.",
        "The programme's three questions, each answered from the evidence shown below it.",
    ),
    "report.trend": ("Kehitys ajan myötä", "Utveckling över tid", "Over time"),
    "report.groups": ("Vastaajaryhmät ja arviot", "Svarsgrupper och betyg", "Groups and ratings"),
    "report.small_groups": (
        "Alle {n} vastaajan ryhmiä ei eritellä, jottei ketään voi tunnistaa.",
        "Grupper med färre än {n} svarande redovisas inte separat, så att ingen kan pekas ut.",
        "Groups of fewer than {n} respondents are not broken down, so nobody is singled out.",
    ),
    "report.themes": ("Teemat", "Teman", "Themes"),
    "report.by_role": (
        "Vastaajaryhmät",
        "Svarsgrupper",
        "Respondent groups",
    ),
    "report.mentions": ("{n} mainintaa", "{n} omnämnanden", "{n} mentions"),
    "report.of_comments": (
        "{share} kommenteista",
        "{share} av kommentarerna",
        "{share} of comments",
    ),
    "report.no_themes": (
        "Kommentteja ei ole vielä jaettu teemoihin.",
        "Kommentarerna har ännu inte delats in i teman.",
        "No comment has been assigned to a theme yet.",
    ),
    "report.theme_role": ("Teemat ryhmittäin", "Teman per grupp", "Themes by group"),
    "report.theme_role_lead": (
        "Missä asukkaat, asiakkaat ja työntekijät näkevät asian eri tavoin: kunkin ryhmän "
        "osuus omista kommenteistaan.",
        "Där invånare, kunder och anställda ser saken olika: varje grupps andel av sina egna "
        "kommentarer.",
        "Where residents, customers and employees see it differently: each group's share "
        "of its own comments.",
    ),
    "report.theme_role_note": (
        "Merkintä ”ero”: ryhmien osuudet eroavat vähintään 15 prosenttiyksikköä.",
        "Märkningen ”skillnad”: gruppernas andelar skiljer sig med minst 15 procentenheter.",
        "Marked “differs”: the groups' shares differ by 15 percentage points or more.",
    ),
    "report.differs": ("ero", "skillnad", "differs"),
    "report.feedback": ("Palautteet", "Responserna", "The feedback"),
    "report.about": ("Tietoa analyysistä", "Om analysen", "About this analysis"),
    "report.posters": ("Julisteet ja QR-koodit", "Affischer och QR-koder", "Posters and QR codes"),
    "report.posters_lead": (
        "Tulosta QR-koodit kokeilupaikan julisteisiin: ne avaavat palautelomakkeen tai botin.",
        "Skriv ut QR-koderna på affischer på försöksplatsen: de öppnar responsformuläret "
        "eller boten.",
        "Print the QR codes on posters at the experiment site: they open the feedback form "
        "or the bot.",
    ),
    "report.qr_form": ("Palautelomake", "Responsformulär", "Feedback form"),
    "report.qr_bot": ("Telegram-botti", "Telegrambot", "Telegram bot"),
    "report.no_bot": (
        "Telegram-botin QR-koodi näkyy, kun KOKEILU_TELEGRAM_BOT_USERNAME on asetettu.",
        "Telegrambotens QR-kod visas när KOKEILU_TELEGRAM_BOT_USERNAME är inställd.",
        "The Telegram bot's QR code appears once KOKEILU_TELEGRAM_BOT_USERNAME is set.",
    ),
    "report.empty": (
        "Tähän kokeiluun ei ole vielä annettu palautetta.",
        "Ingen respons har ännu getts om det här försöket.",
        "No feedback has been given on this experiment yet.",
    ),
    "report.trace.users": (
        "Näytä asukkaiden palautteet",
        "Visa invånarnas respons",
        "Show the residents' feedback",
    ),
    "report.trace.fit": (
        "Näytä työntekijöiden palautteet",
        "Visa de anställdas respons",
        "Show the employees' feedback",
    ),
    "report.trace.benefit": (
        "Näytä hyödyllisyyttä koskevat palautteet",
        "Visa responsen om nytta",
        "Show the feedback on usefulness",
    ),
    "scorecard.users": (
        "Olisiko palvelulla käyttäjiä?",
        "Skulle tjänsten ha användare?",
        "Would the service have users?",
    ),
    "scorecard.fit": (
        "Toimiiko se osana kaupungin palveluita?",
        "Fungerar den som en del av stadens tjänster?",
        "Does it work as part of the city's services?",
    ),
    "scorecard.benefit": (
        "Tuottaako se hyötyä?",
        "Ger den nytta?",
        "Does it produce benefits?",
    ),
    "headline.users": (
        "{share} käyttäisi uudelleen",
        "{share} skulle använda den igen",
        "{share} would use it again",
    ),
    "headline.fit": (
        "Sopivuus työhön {share}",
        "Passar i arbetet: {share}",
        "Fit with their work: {share}",
    ),
    "headline.benefit": (
        "Hyötyjen nettosävy {value} %",
        "Nyttans nettoton {value} %",
        "Net tone on benefits: {value}%",
    ),
    "verdict.positive": ("Todennäköisesti kyllä", "Troligen ja", "Likely yes"),
    "verdict.mixed": ("Näyttö on ristiriitaista", "Blandade belägg", "Mixed evidence"),
    "verdict.negative": ("Todennäköisesti ei", "Troligen inte", "Likely no"),
    "verdict.insufficient": ("Liian vähän näyttöä", "För lite underlag", "Not enough evidence"),
    "rule.users": (
        "Kyllä, kun vähintään {good} asukkaista ja asiakkaista käyttäisi palvelua uudelleen; "
        "ei, kun alle {bad}. Vaatii vähintään 5 vastausta.",
        "Ja när minst {good} av invånarna och kunderna skulle använda tjänsten igen; nej under "
        "{bad}. Kräver minst 5 svar.",
        "Yes when at least {good} of residents and customers would use it again; no below "
        "{bad}. Needs 5 answers or more.",
    ),
    "rule.fit": (
        "Kyllä, kun ”kyllä” + puolet ”osittain”-vastauksista on vähintään {good} "
        "työntekijöiden vastauksista; ei, kun alle {bad}. Vaatii vähintään 5 vastausta.",
        "Ja när ”ja” + hälften av ”delvis” är minst {good} av de anställdas svar; nej under "
        "{bad}. Kräver minst 5 svar.",
        "Yes when “yes” plus half of “partly” makes at least {good} of employees' answers; "
        "no below {bad}. Needs 5 answers or more.",
    ),
    "rule.benefit": (
        "Hyötyteemat (hyödyllisyys, nopeus ja odotus, kustannukset): kyllä, kun myönteisten ja "
        "kielteisten mainintojen erotus on vähintään {good} % maininnoista; ei, kun alle {bad} %. "
        "Vaatii vähintään 5 mainintaa.",
        "Nyttoteman (nytta, snabbhet och väntan, kostnader): ja när skillnaden mellan positiva "
        "och negativa omnämnanden är minst {good} % av omnämnandena; nej under {bad} %. Kräver "
        "minst 5 omnämnanden.",
        "Benefit themes (usefulness, speed and waiting, cost): yes when positive minus negative "
        "mentions make at least {good}% of their mentions; no below {bad}%. Needs 5 mentions "
        "or more.",
    ),
    "evidence.would_use": (
        "Käyttäisi uudelleen (asukkaat ja asiakkaat)",
        "Skulle använda igen (invånare och kunder)",
        "Would use again (residents and customers)",
    ),
    "evidence.ratings": ("Arvioiden keskiarvo", "Medelbetyg", "Mean rating"),
    "evidence.repeat": (
        "Palaavia vastaajia (antoivat palautetta useammin kuin kerran)",
        "Återkommande svarande (gav respons mer än en gång)",
        "Repeat respondents (gave feedback more than once)",
    ),
    "evidence.fits_work": (
        "Sopii työhön (työntekijät)",
        "Passar i arbetet (anställda)",
        "Fits their work (employees)",
    ),
    "evidence.employees": (
        "Vastanneita työntekijöitä",
        "Anställda som svarat",
        "Employees who answered",
    ),
    "evidence.employee_sentiment": (
        "Työntekijöiden palautteen sävy",
        "Tonen i de anställdas respons",
        "Sentiment of employees' feedback",
    ),
    "evidence.employee_themes": (
        "Työntekijöiden teemat",
        "De anställdas teman",
        "Employees' themes",
    ),
    "evidence.benefit_themes": ("Hyötyteemat", "Nyttoteman", "Benefit themes"),
    "evidence.theme_sentiment": (
        "{name} {n} (+{positive} / −{negative})",
        "{name} {n} (+{positive} / −{negative})",
        "{name} {n} (+{positive} / −{negative})",
    ),
    "evidence.balance": (
        "Myönteiset miinus kielteiset",
        "Positiva minus negativa",
        "Positive minus negative",
    ),
    "evidence.balance_value": (
        "{value} % hyötyteemojen maininnoista",
        "{value} % av nyttotemanas omnämnanden",
        "{value}% of benefit-theme mentions",
    ),
    "evidence.overall_sentiment": (
        "Koko palautteen sävy",
        "Tonen i all respons",
        "Sentiment of all feedback",
    ),
    "evidence.n": ("(n\u00a0=\u00a0{n})", "(n\u00a0=\u00a0{n})", "(n\u00a0=\u00a0{n})"),
    "evidence.no_answers": ("Ei vastauksia", "Inga svar", "No answers"),
    "evidence.too_few": (
        "Liian vähän eriteltäväksi",
        "För få för att redovisas",
        "Too few to break down",
    ),
    "evidence.not_classified": (
        "Ei vielä luokiteltu",
        "Ännu inte klassificerad",
        "Not classified yet",
    ),
    "evidence.none": ("Ei mainintoja", "Inga omnämnanden", "No mentions"),
    "kpi.feedback": ("Palautteita", "Responser", "Feedback"),
    "kpi.with_text": ("{n} kommentilla", "{n} med kommentar", "{n} with a comment"),
    "kpi.participants": ("Osallistujia", "Deltagare", "Participants"),
    "kpi.repeat": ("{n} palaavaa", "{n} återkommande", "{n} returning"),
    "kpi.rating": ("Arvio", "Betyg", "Rating"),
    "kpi.ratings": ("{n} arviota", "{n} betyg", "{n} ratings"),
    "kpi.positive": ("Myönteisiä", "Positiva", "Positive"),
    "kpi.negative": ("{share} kielteisiä", "{share} negativa", "{share} negative"),
    "kpi.period": ("Palautejakso", "Responsperiod", "Feedback period"),
    "about.classified": (
        "Malli on luokitellut {classified} / {total} palautetta.",
        "Modellen har klassificerat {classified} av {total} responser.",
        "The models have classified {classified} of {total} feedback items.",
    ),
    "about.unclear": (
        "{n} kommenttia ({share} / {comments}) on epäselviä: mikään teema ei ylittänyt "
        "kynnystään. Ne näkyvät listassa suodattimella ”Epäselvä”.",
        "{n} kommentarer ({share} av {comments}) är oklara: inget tema nådde sin tröskel. "
        "De visas i listan med filtret ”Oklart”.",
        "{n} comments ({share} of {comments}) are unclear: no theme reached its threshold. "
        "The list shows them with the filter “Unclear”.",
    ),
    "about.redactions": (
        "Henkilötietoja poistettiin teksteistä {n} kertaa ennen tallennusta.",
        "Personuppgifter togs bort ur texterna {n} gånger innan de sparades.",
        "Personal details were removed from the texts {n} times before saving.",
    ),
    "about.groups": (
        "Alle {n} vastaajan ryhmiä ei eritellä.",
        "Grupper med färre än {n} svarande redovisas inte separat.",
        "Groups of fewer than {n} respondents are not broken down.",
    ),
    "about.weeks": (
        "Viikot ovat ISO-viikkoja Suomen aikaa.",
        "Veckorna är ISO-veckor i finsk tid.",
        "Weeks are ISO weeks in Finnish time.",
    ),
    "about.models": ("Mallit", "Modeller", "Models"),
    "about.kind": ("Malli", "Modell", "Model"),
    "about.kind.sentiment": ("Sävy", "Ton", "Sentiment"),
    "about.kind.themes": ("Teemat", "Teman", "Themes"),
    "about.version": ("Versio", "Version", "Version"),
    "about.items": ("Palautteita", "Responser", "Items"),
    "about.macro_f1": ("Makro-F1", "Makro-F1", "Macro-F1"),
    "about.accuracy": ("Tarkkuus", "Träffsäkerhet", "Accuracy"),
    "about.n_test": ("Testiesimerkkejä", "Testexempel", "Test examples"),
    "about.quality_note": (
        "Laatu on mitattu erillisellä testiaineistolla, kun malliversio koulutettiin. "
        "Henkilöstön teemakorjaukset käytetään seuraavassa koulutuksessa.",
        "Kvaliteten mättes på separata testdata när modellversionen tränades. Personalens "
        "temakorrigeringar används i nästa träning.",
        "Quality was measured on held-out test data when the model version was trained. "
        "Staff corrections of themes are used in the next training.",
    ),
    "about.no_models": (
        "Palautetta ei ole vielä luokiteltu malleilla.",
        "Responsen har ännu inte klassificerats med modellerna.",
        "No feedback has been classified by the models yet.",
    ),
    "export.generated": ("Luotu {when}", "Skapad {when}", "Generated {when}"),
    "export.appendix": (
        "Liite: kaikki palautteet",
        "Bilaga: all respons",
        "Appendix: all feedback",
    ),
    "export.appendix_lead": (
        "{n} palautetta, tekstit sellaisinaan (henkilötiedot poistettu).",
        "{n} responser, texterna som de är (personuppgifter borttagna).",
        "{n} feedback items, texts as given (personal details removed).",
    ),
    # candidate themes from discovery
    "candidates.title": ("Ehdotetut uudet teemat", "Föreslagna nya teman", "Candidate themes"),
    "candidates.lead": (
        "Teemojen löytäminen ryhmitteli {n} epäselvää kommenttia, joihin mikään nykyinen teema "
        "ei sovi. Jokaisesta ehdotuksesta näkyvät sen sanat ja esimerkit.",
        "Temaupptäckten grupperade {n} oklara kommentarer som inget nuvarande tema passar. "
        "Varje förslag visas med sina ord och exempel.",
        "Theme discovery grouped the {n} unclear comments that no current theme fits. Each "
        "proposal shows its words and examples.",
    ),
    "candidates.size": ("{n} kommenttia", "{n} kommentarer", "{n} comments"),
    "candidates.discover": (
        "Etsi uusia teemoja",
        "Sök nya teman",
        "Find candidate themes",
    ),
    "candidates.accept": ("Lisää teemaksi", "Lägg till som tema", "Add as a theme"),
    "candidates.dismiss": ("Hylkää ehdotus", "Avvisa förslaget", "Dismiss"),
    "candidates.key": ("Teeman tunniste", "Temats nyckel", "Theme key"),
    "candidates.name.fi": ("Nimi suomeksi", "Namn på finska", "Name in Finnish"),
    "candidates.name.sv": ("Nimi ruotsiksi", "Namn på svenska", "Name in Swedish"),
    "candidates.name.en": ("Nimi englanniksi", "Namn på engelska", "Name in English"),
    "candidates.none": (
        "Ei avoimia ehdotuksia. Etsi uusia teemoja kommenteista, joihin mikään teema ei "
        "sovi hyvin.",
        "Inga öppna förslag. Sök nya teman bland kommentarer som inget tema passar väl.",
        "No open proposals. Look for new themes in the comments that no theme fits well.",
    ),
    "candidates.terms": ("Sanat", "Ord", "Words"),
    "candidates.note": (
        "Hyväksytty ehdotus tulee teemaksi ja sen esimerkkikommentit merkitään sillä; malli "
        "oppii sen seuraavassa koulutuksessa.",
        "Ett godkänt förslag blir ett tema och dess exempelkommentarer märks med det; "
        "modellen lär sig det vid nästa träning.",
        "An accepted proposal becomes a theme and its example comments are marked with it; "
        "the model learns it at the next training.",
    ),
    # the feedback list
    "filters.label": ("Suodata palautteita", "Filtrera responsen", "Filter the feedback"),
    "filters.all": ("Kaikki", "Alla", "All"),
    "filters.since": ("Alkaen", "Från", "From"),
    "filters.until": ("Asti", "Till", "Until"),
    "filters.apply": ("Suodata", "Filtrera", "Filter"),
    "filters.clear": ("Tyhjennä suodattimet", "Rensa filtren", "Clear filters"),
    "filters.count": (
        "Näytetään {shown} / {total} palautetta.",
        "Visar {shown} av {total} responser.",
        "Showing {shown} of {total} feedback items.",
    ),
    "filters.none": (
        "Ei palautteita näillä suodattimilla.",
        "Ingen respons med dessa filter.",
        "No feedback matches these filters.",
    ),
    "pager.label": ("Sivut", "Sidor", "Pages"),
    "pager.previous": ("Edelliset", "Föregående", "Previous"),
    "pager.next": ("Seuraavat", "Nästa", "Next"),
    "pager.position": ("Sivu {page} / {pages}", "Sida {page} av {pages}", "Page {page} of {pages}"),
    "feedback.rating": ("Arvio {n}/5", "Betyg {n}/5", "Rating {n}/5"),
    "feedback.would_use": ("Käyttäisi uudelleen", "Skulle använda igen", "Would use again"),
    "feedback.fits_work": ("Sopii työhön", "Passar i arbetet", "Fits their work"),
    "feedback.no_text": ("Ei kommenttia.", "Ingen kommentar.", "No comment."),
    "feedback.redacted": (
        "Tekstistä poistettiin henkilötietoja ({n}).",
        "Personuppgifter togs bort ur texten ({n}).",
        "Personal details were removed from the text ({n}).",
    ),
    "feedback.staff_set": ("henkilöstön asettama", "satt av personalen", "set by staff"),
    "feedback.reviewed": ("Tarkistettu", "Granskad", "Reviewed"),
    "feedback.correct": ("Korjaa teemat", "Korrigera teman", "Correct the themes"),
    "feedback.correct_legend": (
        "Palautteen #{id} teemat",
        "Teman för respons #{id}",
        "Themes of feedback #{id}",
    ),
    "feedback.correct_hint": (
        "Korjaus korvaa mallin teemat ja opettaa mallia seuraavassa koulutuksessa. Jätä "
        "kaikki valitsematta, jos mikään teema ei sovi.",
        "Korrigeringen ersätter modellens teman och lär modellen vid nästa träning. Lämna "
        "alla omarkerade om inget tema passar.",
        "The correction replaces the model's themes and teaches the model at the next "
        "training. Leave all unticked if no theme fits.",
    ),
    "feedback.save": ("Tallenna teemat", "Spara teman", "Save themes"),
    "feedback.saved": (
        "Palautteen #{id} teemat tallennettu. Korjaus käytetään mallin seuraavassa koulutuksessa.",
        "Teman för respons #{id} sparade. Korrigeringen används vid modellens nästa träning.",
        "Themes of feedback #{id} saved. The correction is used in the model's next training.",
    ),
    # misc
    "overview.figures": ("Luvut", "Siffror", "Figures"),
    "privacy.more": ("Lue lisää tietosuojasta", "Läs mer om dataskydd", "More about privacy"),
    "form.share_title": (
        "Jaa tai käytä Telegramia",
        "Dela eller använd Telegram",
        "Share or use Telegram",
    ),
    "staff.nav": ("Henkilöstön valikko", "Personalens meny", "Staff menu"),
    "staff.tagline": ("Henkilöstön näkymä", "Personalvy", "Staff dashboard"),
}

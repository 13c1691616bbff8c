"""Feedback snippets for the library, school and day-care experiments."""

from __future__ import annotations

from feedback_api.demo.records import Snippet, snippets

LIBRARY_ROBOT = snippets(
    fi=[
        ("rc + usefulness", "Robotti vei mut suoraan oikealle hyllylle, löysin dekkarit heti"),
        ("rc + ease_of_use", "Helppo käyttää, kosketusnäytössä isot napit ja selkeä kieli."),
        (
            "c + usefulness ease_of_use",
            "Lapset tykkäs ihan hirveesti, kysyivät robotilta satuja ja se näytti lastenosaston. "
            "Tultiin ihan robotin takia uudestaan.",
        ),
        ("rc 0", "ihan hauska mut en tiiä tarvitaanko tollasta"),
        (
            "rc - speed_waiting reliability",
            "Robotti jumitti hyllyjen väliin ja jouduin odottamaan että joku tuli siirtämään sen.",
        ),
        (
            "c - ease_of_use",
            "Puheentunnistus ei ymmärtänyt mua ollenkaan, piti kirjoittaa näytölle ja sekin oli "
            "hankalaa.",
        ),
        (
            "rc - accessibility",
            "Näyttö on liian korkealla, pyörätuolista en ylettynyt koskemaan sitä.",
        ),
        (
            "c + information_guidance",
            "Kysyin tapahtumista ja robotti kertoi satutunnista ja kielikahvilasta, kätevää.",
        ),
        (
            "rc 0 information_guidance",
            "Robotti osasi kertoa missä hylly on, mutta ei sitä onko kirja paikalla vai lainassa. "
            "Sitä tietoa olisin tarvinnut.",
        ),
        (
            "c + accessibility",
            "Hyvä että robotti puhuu myös ruotsia ja englantia. Äitini ei puhu suomea ja hän "
            "uskalsi kysyä siltä.",
        ),
        (
            "rc - privacy_trust",
            "Tallentaako robotti kasvoja tai ääntä? Mistään ei löytynyt tietoa, vähän epäilyttää.",
        ),
        (
            "c 0 ideas_suggestions",
            "Robotti voisi myös kuljettaa palautettuja kirjoja, nyt se vain opastaa.",
        ),
        ("rc +", "Kiva kokeilu! Kirjasto tuntuu modernilta"),
        (
            "c - reliability",
            "Kolme kertaa kävin ja kahdesti robotti oli latauksessa tai rikki. Lappu vaan "
            "kyljessä.",
        ),
        (
            "e + staff_workload",
            "Robotti hoitaa toistuvat kysymykset kuten missä vessa on tai missä kielikurssikirjat "
            "ovat, ja minulle jää aikaa asiakkaille, jotka tarvitsevat oikeasti apua esim. "
            "e-kirjojen kanssa.",
        ),
        (
            "e 0 staff_workload",
            "Työ ei juuri muuttunut. Robotti ohjaa asiakkaita hyllylle, mutta kysymykset tulevat "
            "silti meille palvelutiskille.",
        ),
        (
            "e - staff_workload reliability",
            "Saamme päivittäin hälytyksiä, että robotti on jumissa, ja sen hakeminen ja "
            "uudelleenkäynnistys vievät aikaa. Ainakin aluksi robotti lisäsi töitä.",
        ),
        (
            "e + ease_of_use",
            "Tiedon päivittäminen robotille on helppoa, lisäsin itse viikon tapahtumat "
            "hallintasivulle vartissa.",
        ),
        (
            "e 0 ideas_suggestions",
            "Toivoisin että robotin voisi ohjata aamulla eri osastolle, nyt se kiertää aina saman "
            "reitin.",
        ),
        (
            "e - information_guidance",
            "Hyllyjärjestys muuttui kesällä mutta robotin kartta ei, joten se ohjasi asiakkaita "
            "väärään paikkaan pari viikkoa.",
        ),
        (
            "p + cooperation",
            "Yhteistyö kirjaston henkilökunnan kanssa on sujunut erinomaisesti. Saamme suoraa "
            "palautetta ja voimme korjata ohjelmistoa viikoittain.",
        ),
        (
            "p 0 cooperation cost",
            "Kokeilun jatko on epäselvä. Tarvitsisimme kaupungilta tiedon hankinnan aikataulusta "
            "hyvissä ajoin.",
        ),
        ("rc 0", "Näin robotin mutta en käyttänyt, löysin kirjat itsekin."),
        (
            "rc + usefulness",
            "Oon tosi huono löytämään mitään kirjastosta joten tää on mulle hyvä juttu. soittakaa "
            "040 765 4321 jos haluutte kuulla lisää",
        ),
        (
            "c - speed_waiting",
            "Robotti on hidas, kävelin sen perässä kuin ankanpoikanen ja olisin ollut hyllyllä jo "
            "ajat sitten.",
        ),
    ],
    sv=[
        ("rc + usefulness", "Roboten visade mig direkt till hyllan med svenska böcker, jättebra!"),
        (
            "c + accessibility",
            "Skönt att roboten förstår svenska, det är inte självklart i biblioteket.",
        ),
        (
            "rc - reliability",
            "Roboten stod i ett hörn med en lapp 'ur funktion' båda gångerna jag var där.",
        ),
        (
            "rc 0 information_guidance",
            "Den hittade hyllan men kunde inte säga om boken var utlånad.",
        ),
        (
            "c - ease_of_use accessibility",
            "Den förstod inte vad jag sa, roboten svarade på finska fast jag frågade på svenska",
        ),
        (
            "e + staff_workload",
            "Roboten tar hand om de enkla frågorna och jag hinner hjälpa kunder med e-tjänsterna.",
        ),
        (
            "e - staff_workload reliability",
            "Vi måste hela tiden hämta roboten när den fastnar mellan hyllorna, det tar tid från "
            "annat arbete.",
        ),
        ("rc 0 ideas_suggestions", "Roboten kunde också berätta om evenemang för barn på svenska."),
        (
            "p + cooperation",
            "Samarbetet med biblioteket har fungerat smidigt och vi har fått bra respons från "
            "personalen.",
        ),
    ],
    en=[
        (
            "rc + usefulness",
            "The robot found the English novels section for me in seconds, great for someone new "
            "in town.",
        ),
        ("c + ease_of_use", "Really easy, my 6 year old figured it out before I did"),
        ("rc - reliability", "it was broken again. third time this month"),
        (
            "c 0 information_guidance",
            "Useful for finding shelves, but it can't tell you if the book is actually on the "
            "shelf.",
        ),
        (
            "rc - privacy_trust",
            "Does the robot record what I ask? There's no information about data collection "
            "anywhere near it.",
        ),
        (
            "c - speed_waiting",
            "It is very slow and keeps stopping when people walk past. I gave up halfway.",
        ),
        (
            "e 0 staff_workload",
            "Hard to say yet. Some questions go to the robot, but customers still come to the "
            "desk to double-check.",
        ),
        (
            "p 0 cooperation",
            "Good collaboration overall, although decisions on software changes take a while on "
            "the city side.",
        ),
        (
            "rc + ideas_suggestions",
            "Nice idea! Could it also help with the self-service machines? Those confuse me more "
            "than the shelves.",
        ),
    ],
)

SELF_SERVICE_LIBRARY = snippets(
    fi=[
        (
            "r + availability_access",
            "Pääsen lukemaan ja lainaamaan aamulla ennen töitä, tämä on mahtavaa!",
        ),
        (
            "r + usefulness",
            "Opiskelijana käytän iltaisin hiljaista lukutilaa, kotona ei ole rauhaa.",
        ),
        ("c + ease_of_use", "Kortti ja PIN-koodi ja ovi aukesi, helppoa."),
        (
            "r - privacy_trust",
            "Kamerat joka nurkassa tuntuu vähän ahdistavalta, vaikka ymmärrän miksi ne on.",
        ),
        (
            "r - availability_access",
            "Alle 15-vuotiaat eivät pääse omatoimiaikaan ilman aikuista. Mun lapsi olis tarvinnut "
            "paikan läksyille.",
        ),
        (
            "c 0 information_guidance",
            "PIN-koodi piti käydä hakemassa palvelutiskiltä virka-aikaan, se oli hankalaa kun en "
            "pääse silloin.",
        ),
        ("c - reliability", "Ovi ei tunnistanut korttia ja jäin ulos sateeseen."),
        ("r 0", "ihan ok mut ei oo ketään keltä kysyä"),
        ("c +", "Loistava juttu, toivottavasti jatkuu!"),
        (
            "r -",
            "Kirjasto ilman kirjastonhoitajaa ei ole kirjasto. Pelkään että tämä on säästötoimi.",
        ),
        ("c + speed_waiting", "Ei jonoja palautusautomaatilla aamulla, kaikki sujuu nopeasti."),
        ("r 0 ideas_suggestions", "Kahviautomaatti iltaan olis plussaa"),
        (
            "c - privacy_trust",
            "Illalla joku nukkui sohvalla ja tilassa oli levotonta. Ei tuntunut turvalliselta, "
            "kun henkilökuntaa ei ollut paikalla.",
        ),
        (
            "r + accessibility",
            "Esteetön sisäänkäynti ja ovi aukeaa automaattisesti, pyörätuolilla pääsee hyvin.",
        ),
        (
            "e + usefulness",
            "Aukioloaika lähes kaksinkertaistui ilman lisähenkilökuntaa, ja iltaisin käyttäjiä on "
            "selvästi enemmän.",
        ),
        (
            "e 0 staff_workload",
            "Aamulla tilojen siistiminen ja palautusten järjestely vievät enemmän aikaa kuin "
            "ennen.",
        ),
        (
            "e - staff_workload",
            "Kuulemme jälkikäteen ilkivallasta ja joudumme selvittämään tallenteita, eikä se ole "
            "kirjastotyötä.",
        ),
        (
            "e + staff_workload",
            "Henkilökunta voi keskittyä palveluaikana opastukseen ja tapahtumiin, kun lainaus ja "
            "palautus hoituvat omatoimisesti.",
        ),
        (
            "e 0 information_guidance",
            "Asiakkaat eivät aina tiedä, mitkä palvelut ovat käytössä omatoimiaikana. Opasteita "
            "pitää parantaa.",
        ),
        ("p + cooperation", "Kulunvalvonnan asennus sujui kiinteistöpalvelujen kanssa ongelmitta."),
        (
            "r + availability_access",
            "Vuorotyöläisenä tämä on ainoa tapa päästä kirjastoon ollenkaan.",
        ),
        (
            "c 0 reliability",
            "Lainausautomaatti oli kerran jumissa eikä ketään ollut paikalla, jätin kirjat "
            "tiskille.",
        ),
        ("c +", "Ihana rauhallinen paikka illalla. Terveisin Liisa, 044 987 6543"),
        (
            "r - information_guidance",
            "Kukaan ei kertonut että omatoimiaikana ei saa tuoda koiraa, sain vihaisen lapun.",
        ),
        ("r +", "Aivan loistava, kiitos!"),
    ],
    sv=[
        ("r + availability_access", "Jag kan låna böcker före jobbet, helt fantastiskt!"),
        ("c + ease_of_use", "Kort, PIN-kod och dörren öppnas. Enkelt."),
        (
            "r - availability_access",
            "Barn under 15 får inte komma in utan vuxen, min son hade behövt ett ställe att göra "
            "läxorna på.",
        ),
        ("r 0", "Bra, men det finns ingen att fråga."),
        ("c - reliability", "Dörren kände inte igen mitt kort och jag blev stående ute."),
        ("r - privacy_trust", "Kameror överallt känns lite obehagligt."),
        ("e + usefulness", "Öppettiderna nästan fördubblades utan extra personal."),
        (
            "e 0 staff_workload",
            "Det tar längre tid att städa och ordna återlämningarna på morgnarna.",
        ),
        ("c +", "Underbart lugnt ställe på kvällen, tack!"),
    ],
    en=[
        (
            "r + availability_access",
            "As a shift worker this is the only way I can get to the library at all.",
        ),
        (
            "c + usefulness",
            "Perfect quiet place to study in the evenings, much better than my shared flat.",
        ),
        (
            "c - information_guidance",
            "I had to get the PIN code from the desk during staffed hours, which I can never make.",
        ),
        (
            "r -",
            "A library without librarians isn't really a library. This feels like a cost-cutting "
            "measure.",
        ),
        ("c + ease_of_use", "Card, PIN, door opens. Simple."),
        ("r 0", "fine but no one to ask for help"),
        (
            "r - privacy_trust",
            "There are cameras everywhere and no sign saying who watches the recordings.",
        ),
        (
            "e + staff_workload",
            "Staffed hours can now focus on guidance and events because loans and returns happen "
            "on their own.",
        ),
        ("c 0 ideas_suggestions", "A coffee machine for the evenings would be nice."),
    ],
)

VR_SCIENCE_LESSONS = snippets(
    fi=[
        (
            "c + usefulness",
            "Oli siistii nähdä miten molekyylit liikkuu kun vettä lämmitetään, tajusin vihdoin "
            "mitä ope tarkoitti",
        ),
        ("c +", "paras fysiikan tunti ikinä"),
        (
            "c - accessibility",
            "Mulle tuli paha olo laseista jo viiden minuutin jälkeen ja jouduin lopettamaan.",
        ),
        ("c 0", "ihan kiva mut lasit oli painavat"),
        (
            "c - availability_access speed_waiting",
            "Laseja on vain kuusi ja meitä on 24, joten suurin osa tunnista odotettiin vuoroa.",
        ),
        ("c + ease_of_use", "Helppo käyttää, ohjaimet oli samanlaiset kuin pelikonsolissa"),
        ("c - reliability", "Puolet laseista ei ollut ladattu ja yksi ei käynnistynyt ollenkaan."),
        (
            "r + usefulness",
            "Poikani on kertonut kotona kemian kokeista innostuneena, mitä ei ole ennen "
            "tapahtunut.",
        ),
        (
            "r - privacy_trust",
            "Miksi laseja varten piti luoda lapsen nimellä tili yrityksen palveluun? Huoltajilta "
            "ei kysytty mitään.",
        ),
        (
            "r 0 information_guidance",
            "Vanhempana en tiedä juuri mitään tästä kokeilusta, Wilmassa oli yksi lyhyt viesti.",
        ),
        (
            "e + usefulness",
            "Räjähdysvaarallisia ja kalliita kokeita voi nyt tehdä turvallisesti. Oppilaat, jotka "
            "eivät yleensä osallistu, olivat innoissaan.",
        ),
        (
            "e - staff_workload",
            "Lasien lataus, päivitykset ja tilien hallinta vievät minulta joka viikko tunteja. "
            "Kukaan ei ole vapauttanut aikaa tähän.",
        ),
        (
            "e 0 staff_workload",
            "45 minuutin tunti on liian lyhyt, koska lasien jakamiseen ja säätöön menee vartti. "
            "Kaksoistunnit toimivat paremmin.",
        ),
        (
            "e + cooperation",
            "Tutkijoiden kanssa on ollut hyvä suunnitella tunteja, ja he antoivat valmiit "
            "tehtäväpohjat.",
        ),
        (
            "e - reliability",
            "Koulun wifi ei kestä kuutta laitetta yhtä aikaa ja sisältöjen lataus jumittaa.",
        ),
        (
            "e 0 ideas_suggestions",
            "Sisältöjä pitäisi olla enemmän kuin neljä koetta, nyt ne loppuvat kesken lukuvuoden.",
        ),
        (
            "p + cooperation",
            "Opettajat ovat antaneet arvokasta palautetta tehtävien vaikeustasosta, ja olemme "
            "muokanneet sisältöjä sen mukaan.",
        ),
        (
            "p 0 cooperation",
            "Laitteiden liittäminen koulujen verkkoon on ollut hidasta, koska IT-tuesta puuttuu "
            "yhteyshenkilö.",
        ),
        ("c 0 ideas_suggestions", "Vois olla myös biologiaa, esim. että pääsis solun sisälle"),
        ("c +", "Tällasta pitäis olla kaikissa aineissa"),
        ("c -", "tylsää kun piti vaan kattoo ku muut tekee"),
        (
            "r + accessibility",
            "Lukihäiriöiselle lapselleni kokeileminen sopii paljon paremmin kuin kirjasta "
            "lukeminen.",
        ),
        ("c 0 speed_waiting", "Vuoroa piti odottaa pitkään, mutta itse kokeet oli hyviä."),
    ],
    sv=[
        ("c + usefulness", "Äntligen förstod jag hur atomerna rör sig, mycket bättre än i boken."),
        ("c - accessibility", "Jag blev illamående av glasögonen efter några minuter."),
        (
            "c - availability_access",
            "Bara sex glasögon för hela klassen, vi satt mest och väntade.",
        ),
        ("c 0", "Roligt men glasögonen var tunga"),
        (
            "r + usefulness",
            "Min dotter berättar om kemiexperimenten hemma, det har aldrig hänt förut.",
        ),
        (
            "e + usefulness",
            "Vi kan göra experiment som skulle vara för farliga i klassrummet, och eleverna är "
            "engagerade.",
        ),
        (
            "e - staff_workload",
            "Laddning och uppdateringar tar flera timmar av min tid varje vecka.",
        ),
        (
            "e 0 information_guidance accessibility",
            "Innehållet finns bara på finska och engelska, vi behöver instruktioner på svenska.",
        ),
        ("p + cooperation", "Lärarnas respons har hjälpt oss att förbättra uppgifterna."),
    ],
    en=[
        (
            "c + usefulness",
            "Seeing the reaction up close made it click for me. Best chemistry lesson this year.",
        ),
        ("c - accessibility", "Got dizzy after a few minutes, had to stop."),
        ("c + ease_of_use", "Controls were easy, like a game"),
        ("c - reliability", "Half of the headsets weren't charged"),
        (
            "r - privacy_trust",
            "Why did my child need an account with a private company? Parents weren't asked for "
            "consent.",
        ),
        (
            "e + usefulness",
            "Pupils who usually sit quietly at the back were leading the experiments. That alone "
            "makes it worth it.",
        ),
        (
            "e - reliability",
            "Our school network can't handle several headsets at once, loading takes forever.",
        ),
        (
            "e 0 staff_workload",
            "Works better in double lessons; in 45 minutes half the time goes to setting up.",
        ),
        ("c 0 ideas_suggestions", "would be cool to have biology too"),
    ],
)

DAYCARE_APPLICATION_CHATBOT = snippets(
    fi=[
        (
            "c + speed_waiting availability_access",
            "Sain vastauksen klo 23 illalla kun lapsi oli vihdoin nukahtanut, ei tarvinnut "
            "jonottaa puhelimessa.",
        ),
        (
            "c + information_guidance",
            "Chatbot kertoi selkeästi mitkä liitteet tarvitaan, hakemus meni kerralla läpi.",
        ),
        (
            "c - information_guidance",
            "Kysyin vuorohoidosta ja botti vastasi kolme kertaa samalla linkillä hakuaikoihin. "
            "Turhauttavaa.",
        ),
        (
            "c - usefulness",
            "Ei ymmärtänyt kysymystä jos kirjoitti vähänkään eri sanoilla. Lopulta soitin "
            "kuitenkin.",
        ),
        ("c 0", "ok perusasioihin mut erikoistilanteissa pitää silti soittaa"),
        ("c + ease_of_use", "Tosi helppo, ei tarvinnut kirjautua ja vastaukset tuli heti"),
        (
            "c - privacy_trust",
            "En uskaltanut kirjoittaa lapsen terveystiedoista chattiin, kun ei ollut tietoa kuka "
            "keskustelut lukee.",
        ),
        (
            "c 0 cost",
            "Asiakasmaksun arvio oli vain suuntaa antava, olisin halunnut laskurin omilla "
            "tuloilla.",
        ),
        (
            "c + usefulness",
            "Ensimmäisen lapsen kohdalla soitin varmaan kymmenen kertaa, nyt toisen kohdalla "
            "chatbot vastasi melkein kaikkeen. Iso ero!",
        ),
        (
            "c - availability_access ease_of_use",
            "Chatbot ei aukea puhelimen selaimessa kunnolla, ikkuna jää näppäimistön alle.",
        ),
        (
            "r 0 ideas_suggestions",
            "Botin pitäisi kertoa myös lähipäiväkotien vapaat paikat, se kiinnostaa eniten.",
        ),
        (
            "c - information_guidance",
            "Botti sanoi että hakemus pitää jättää neljä kuukautta ennen, mutta sivuilla luki "
            "toisin. Kumpi on oikein??",
        ),
        (
            "c + accessibility",
            "Kiva että voi kysyä englanniksi ja ruotsiksi, mieheni käytti englantia.",
        ),
        (
            "c -",
            "Ihan turha, haluan puhua ihmisen kanssa. Sähköpostini on jussi.lahtinen@example.fi, "
            "ottakaa yhteyttä.",
        ),
        (
            "e + staff_workload",
            "Puheluita hakuajoista ja liitteistä tulee selvästi vähemmän, ja ehdin paremmin "
            "hoitaa monimutkaisia tilanteita kuten vuorohoitoa ja tuen tarpeita.",
        ),
        (
            "e 0 staff_workload",
            "Puhelumäärä on laskenut vähän, mutta nyt asiakkaat soittavat tarkistamaan, onko "
            "botin vastaus oikein.",
        ),
        (
            "e - information_guidance staff_workload",
            "Botin vastauksia pitää päivittää käsin aina kun ohjeet muuttuvat, eikä kukaan ole "
            "vastuussa siitä. Vanhentunutta tietoa on jo mennyt asiakkaille.",
        ),
        (
            "e + usefulness",
            "Näemme keskusteluista, mitä perheet oikeasti kysyvät, ja olemme jo selkeyttäneet "
            "verkkosivujen ohjeita sen perusteella.",
        ),
        (
            "e - staff_workload",
            "Illalla tulleet keskustelut, joihin botti ei osannut vastata, kasautuvat aamulla "
            "meille, ja niitä on paljon.",
        ),
        (
            "p + cooperation",
            "Palveluohjauksen asiantuntijat ovat olleet alusta asti mukana kirjoittamassa "
            "vastauksia, mikä näkyy laadussa.",
        ),
        (
            "p 0 cooperation privacy_trust",
            "Tietosuojan arviointi kaupungin kanssa kesti kuukausia ja viivästytti julkaisua.",
        ),
        ("c 0", "Kokeilin kerran, toimi ihan ok"),
        ("c + speed_waiting", "Ei jonotusta! Puhelinjonossa odotin viime vuonna 40 minuuttia."),
        (
            "c - ease_of_use",
            "Botti kysyy samaa asiaa moneen kertaan ja jos painaa väärää nappia pitää aloittaa "
            "alusta",
        ),
    ],
    sv=[
        (
            "c + information_guidance",
            "Chattboten förklarade tydligt vilka bilagor som behövs, ansökan gick igenom på "
            "första försöket.",
        ),
        (
            "c - accessibility",
            "Den svenska versionen svarade ibland på finska, och en del svar var konstigt "
            "översatta.",
        ),
        (
            "c + speed_waiting",
            "Fick svar mitt i natten utan att köa, perfekt för småbarnsföräldrar.",
        ),
        ("c 0", "Bra för enkla frågor men om skiftvård måste man ändå ringa."),
        (
            "c - usefulness",
            "Den förstod inte min fråga om syskonrabatt fast jag formulerade den på tre olika "
            "sätt.",
        ),
        (
            "e + staff_workload",
            "Färre samtal om ansökningstider, jag hinner ta hand om familjer med mer invecklade "
            "behov.",
        ),
        (
            "e - information_guidance",
            "De svenska svaren uppdateras senare än de finska, så familjerna får ibland gammal "
            "information.",
        ),
        (
            "c 0 ideas_suggestions",
            "Det vore bra om chattboten kunde visa lediga platser i närmaste daghem.",
        ),
        (
            "p + cooperation",
            "Stadens servicehandledare har aktivt skrivit svaren tillsammans med oss, samarbetet "
            "har varit bra.",
        ),
    ],
    en=[
        (
            "c + accessibility",
            "As an expat this was the first city service I could actually use in English without "
            "calling. Thank you!",
        ),
        ("c + information_guidance", "Clear answers about application deadlines and fees."),
        (
            "c - usefulness",
            "The bot kept giving me the same link no matter what I asked about shift care.",
        ),
        ("c 0 cost", "The fee estimate was too rough to plan our budget, a calculator would help."),
        (
            "c - privacy_trust",
            "I wasn't sure who reads the chat, so I didn't want to share details about my child's "
            "health.",
        ),
        ("c - ease_of_use", "chat window covers half the screen on my phone and I cant scroll"),
        (
            "e 0 staff_workload",
            "Fewer basic calls, but more calls from parents who want to check the bot's answers.",
        ),
        ("c + speed_waiting", "Got everything sorted at midnight, no phone queue. Brilliant."),
        (
            "r 0 ideas_suggestions",
            "Please add information about which daycares have free places near me.",
        ),
    ],
)

BY_SLUG: dict[str, tuple[Snippet, ...]] = {
    "library-robot": LIBRARY_ROBOT,
    "self-service-library": SELF_SERVICE_LIBRARY,
    "vr-science-lessons": VR_SCIENCE_LESSONS,
    "daycare-application-chatbot": DAYCARE_APPLICATION_CHATBOT,
}

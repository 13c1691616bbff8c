"""Feedback snippets for the elderly-care and health experiments."""

from __future__ import annotations

from feedback_api.demo.records import Snippet, snippets

REMOTE_HOME_CARE_VISITS = snippets(
    fi=[
        (
            "c + usefulness",
            "Hoitaja soittaa aamulla tabletilla ja muistuttaa lääkkeistä, se riittää minulle "
            "hyvin. Ei tarvitse odotella oven takana.",
        ),
        ("c +", "Mukava nähdä tuttu hoitaja ruudulta joka päivä, tuntuu turvalliselta."),
        (
            "c - ease_of_use",
            "En osaa käyttää tuota laitetta, se pimenee itsestään ja sitten en tiedä mitä painaa.",
        ),
        (
            "c - usefulness",
            "Kaipaan ihmistä paikalle. Kuvaruutu ei auta kun pitää saada sukat jalkaan.",
        ),
        (
            "r + usefulness",
            "Olen äidin omainen ja voin liittyä videopuheluun töistä, näen itse miten äiti voi. "
            "Tosi hyvä.",
        ),
        (
            "r 0 information_guidance",
            "Omaisena en saanut kunnon ohjeita tabletin käyttöön, opettelin itse ja opetin sitten "
            "äidille.",
        ),
        (
            "c - reliability",
            "Yhteys katkeaa usein, kuva jäätyy ja hoitaja soittaa sitten puhelimella. Asun maalla "
            "ja netti on huono.",
        ),
        ("c 0", "kyllä se ihan menettelee"),
        (
            "c + speed_waiting",
            "Ennen hoitaja tuli joskus tunnin myöhässä, nyt videokäynti on aina samaan aikaan.",
        ),
        (
            "r - privacy_trust",
            "Isä ei ymmärrä, että kamera on päällä vain puhelun aikana, ja peittää sen "
            "pyyhkeellä. Asia pitäisi selittää paremmin.",
        ),
        (
            "r 0",
            "Äidin henkilötunnus on 131052-308T jos sitä tarvitaan palautteen yhdistämiseen, hän "
            "ei itse osaa vastata.",
        ),
        (
            "c + accessibility",
            "Hyvä kun äänen saa isommalle, kuulen hoitajan paremmin kuin puhelimessa.",
        ),
        (
            "e + staff_workload",
            "Etäkäynnit säästävät ajoaikaa, ja voin käyttää sen asiakkaisiin, jotka tarvitsevat "
            "haavanhoitoa tai pesuapua.",
        ),
        (
            "e + usefulness",
            "Videolta näkee paljon: onko asiakas pukeutunut, onko aamupala syöty, miltä koti "
            "näyttää. Enemmän kuin luulin.",
        ),
        (
            "e - staff_workload reliability",
            "Kun yhteys katkeaa, soitan ja yritän uudelleen, ja usein joudun silti ajamaan "
            "paikalle. Aikataulut menevät sekaisin.",
        ),
        (
            "e 0 staff_workload",
            "Sopii noin puolelle asiakkaistani. Muistisairaille etäkäynti ei sovi, ja asiakkaat "
            "pitää valita huolella.",
        ),
        (
            "e - reliability",
            "Tablettien akut tyhjenevät, koska asiakkaat irrottavat laturin. Joka viikko joku "
            "laite on pimeänä.",
        ),
        (
            "e + ideas_suggestions",
            "Etäkäynneille voisi lisätä yhteisiä jumppahetkiä usealle asiakkaalle kerralla, moni "
            "on yksinäinen.",
        ),
        (
            "e 0 information_guidance staff_workload",
            "Kirjaukset pitää tehdä erikseen potilastietojärjestelmään, mikä vie aikaa. "
            "Integraatio auttaisi.",
        ),
        (
            "p + cooperation",
            "Hoitajien palaute on tullut nopeasti, ja olemme parantaneet käyttöliittymää kolme "
            "kertaa kokeilun aikana.",
        ),
        (
            "p 0 cooperation",
            "Laitelogistiikka on ollut haastavaa: kuka vie tabletin kotiin, kuka hakee ja kuka "
            "vaihtaa akun. Vastuista pitää sopia selkeämmin.",
        ),
        ("c -", "En halua tätä. Haluan että joku tulee käymään"),
        (
            "r +",
            "Isä odottaa videopuhelua joka aamu ja juttelee hoitajan kanssa kuulumisia. "
            "Yksinäisyys on vähentynyt selvästi.",
        ),
        (
            "c 0 speed_waiting",
            "Puhelu tulee välillä myöhässä ja odotan laitteen vieressä, mutta ei se haittaa.",
        ),
    ],
    sv=[
        (
            "c + usefulness",
            "Det är tryggt att vårdaren ringer varje morgon och påminner om medicinerna.",
        ),
        (
            "c - ease_of_use",
            "Jag förstår inte hur plattan fungerar, skärmen blir svart och sen vet jag inte vad "
            "jag ska trycka på.",
        ),
        (
            "r + usefulness",
            "Som anhörig kan jag delta i samtalet från jobbet och se hur mamma mår.",
        ),
        (
            "c - reliability",
            "Bilden fryser hela tiden och till slut ringer de på telefon i alla fall.",
        ),
        ("c 0", "Det fungerar ganska bra, men jag saknar besöken."),
        (
            "e + staff_workload",
            "Vi sparar mycket körtid och hinner med de klienter som behöver hjälp på plats.",
        ),
        (
            "e 0 staff_workload",
            "Passar inte alla klienter, särskilt inte personer med minnessjukdom.",
        ),
        (
            "e - reliability",
            "Varje vecka är någon platta urladdad eftersom laddaren har dragits ur.",
        ),
        (
            "r - information_guidance",
            "Vi anhöriga fick ingen handledning alls, jag fick lära mig allt själv.",
        ),
    ],
    en=[
        (
            "r + usefulness",
            "I live abroad and can join my father's morning call. It's been a huge relief for our "
            "family.",
        ),
        (
            "c + speed_waiting",
            "The nurse is always on time now. Nice to see a friendly face every morning.",
        ),
        (
            "c - usefulness",
            "A screen can't help me put on my compression stockings. I need someone to visit.",
        ),
        (
            "r - reliability",
            "Connection drops almost daily, we live in the countryside and the 4G is weak.",
        ),
        (
            "c 0 ease_of_use",
            "Bit difficult at first but my granddaughter showed me and now it's alright",
        ),
        (
            "e + staff_workload",
            "Remote visits free up about an hour per shift that I can use for clients who need "
            "hands-on care.",
        ),
        (
            "e - information_guidance staff_workload",
            "Documentation has to be done separately afterwards, which eats up much of the time "
            "saved.",
        ),
        (
            "p + cooperation",
            "The home-care team has been a great partner, quick feedback and open discussion.",
        ),
        (
            "r 0 privacy_trust",
            "My mother worries the camera is watching her all the time. Someone should explain "
            "how it works.",
        ),
    ],
)

MEDICATION_DISPENSER = snippets(
    fi=[
        (
            "c + usefulness",
            "Laite piippaa ja antaa lääkkeet, en ole unohtanut yhtään annosta sen jälkeen kun se "
            "tuli.",
        ),
        (
            "c + ease_of_use accessibility",
            "Yksi nappi vain, sitä osaa käyttää vaikka näkö on huono.",
        ),
        (
            "r +",
            "Äiti on ottanut lääkkeet ajallaan ensimmäistä kertaa vuosiin. Omaisena olen todella "
            "helpottunut.",
        ),
        ("c - ease_of_use", "Ääni on kova ja säikähdän joka kerta. Sitä ei saa hiljaisemmalle."),
        ("c 0", "ihan hyvä laite mut iso"),
        ("c - usefulness", "Kaipaan hoitajaa joka kävi ennen aamuisin. Nyt käy vain laite."),
        (
            "r 0 information_guidance",
            "Olisin halunnut tietää, mitä tapahtuu jos sähköt katkeavat. Kukaan ei osannut "
            "vastata.",
        ),
        (
            "c + speed_waiting",
            "Ei tarvitse enää odottaa hoitajaa lääkkeiden takia, saan ne heti kun herään.",
        ),
        (
            "r + reliability",
            "Kerran äiti ei ottanut annosta ja hoitaja soitti vartin sisällä. Hälytys toimii.",
        ),
        (
            "c - reliability",
            "Laite jumitti kerran kahdeksi päiväksi ja lääkkeet jäivät sisään, piti soittaa apua.",
        ),
        ("r - cost", "Maksu nousi kun laite tuli, vaikka käyntejä on vähemmän. Tätä en ymmärrä."),
        ("c +", "Tykkään, tuntuu että pärjään itse paremmin"),
        (
            "e + staff_workload",
            "Lääkekäynnit vähenivät, ja aikaa jää asiakkaille, joiden luona pitää oikeasti olla "
            "paikalla.",
        ),
        (
            "e + reliability",
            "Laite on ollut luotettava, vain pari hälytystä kuukaudessa koko alueella.",
        ),
        (
            "e 0 staff_workload",
            "Laitteen täyttäminen ja annospussien tarkistus vievät oman aikansa, mutta säästö on "
            "selvä.",
        ),
        (
            "e - ease_of_use staff_workload",
            "Hälytykset tulevat eri sovellukseen kuin muut työtehtävät, joten työpuhelimessa on "
            "taas yksi sovellus lisää.",
        ),
        ("e + usefulness", "Lääkepoikkeamat ovat vähentyneet alueellamme merkittävästi."),
        (
            "e 0 ideas_suggestions",
            "Laite sopii muistisairaille vain alkuvaiheessa. Asiakkaiden valinta on tärkeää.",
        ),
        (
            "p + cooperation",
            "Yhteistyö kotihoidon kanssa on ollut esimerkillistä, ja koulutukset on järjestetty "
            "nopeasti.",
        ),
        (
            "p 0 cooperation",
            "Apteekkien annosjakelun aikataulut pitää sovittaa paremmin laitteiden täyttöön.",
        ),
        (
            "c + accessibility",
            "Näytössä isot numerot ja puhe kertoo mitä tehdä, sopii minulle hyvin.",
        ),
        (
            "r - privacy_trust",
            "Laite lähettää tietoa jonnekin, mutta minne? Haluaisin nähdä mitä tietoja isästä "
            "kerätään.",
        ),
        ("c 0", "En osaa sanoa, tytär hoitaa nämä asiat"),
    ],
    sv=[
        (
            "c + usefulness",
            "Apparaten piper och ger mig medicinerna, jag har inte glömt en enda dos.",
        ),
        ("r +", "Pappa tar sina mediciner i tid nu, vi anhöriga är mycket lättade."),
        ("c - ease_of_use", "Ljudet är så högt att jag blir rädd varje gång."),
        ("c 0", "Bra, men apparaten tar mycket plats."),
        ("c - usefulness", "Jag saknar vårdaren som brukade komma på morgonen."),
        ("e + staff_workload", "Färre medicinbesök, mer tid för dem som verkligen behöver oss."),
        ("e 0 staff_workload", "Påfyllningen tar sin tid men det sparar ändå mycket arbete."),
        (
            "r + reliability",
            "Larmet fungerar, en gång ringde vårdaren inom en kvart när mamma missade en dos.",
        ),
        ("p + cooperation", "Samarbetet med hemvården har varit utmärkt."),
    ],
    en=[
        ("c + ease_of_use accessibility", "Just one button, easy even with my poor eyesight."),
        (
            "r +",
            "My mother has taken her medicines on time for months now. Huge relief for the whole "
            "family.",
        ),
        ("c - usefulness", "I miss the nurse's morning visit. The machine doesn't talk back."),
        ("r - cost", "Why did the fee go up when there are fewer visits?"),
        ("c 0", "It's alright."),
        (
            "e + staff_workload",
            "Fewer medication visits, so more time for clients who need hands-on care.",
        ),
        ("e - ease_of_use", "Alerts come to a separate app, yet another thing on the work phone."),
        (
            "p + cooperation",
            "The home-care organisation has been an excellent partner, fast and well organised.",
        ),
        ("r 0 information_guidance", "Nobody could tell me what happens during a power cut."),
    ],
)

ONLINE_SYMPTOM_CHECKER = snippets(
    fi=[
        (
            "r + speed_waiting",
            "Täytin kyselyn illalla ja hoitaja soitti heti aamulla. Ei tarvinnut jonottaa "
            "puhelimessa kahdeksalta.",
        ),
        (
            "r + information_guidance",
            "Sain hyvät itsehoito-ohjeet flunssaan ja tiesin, milloin pitää hakeutua "
            "vastaanotolle.",
        ),
        (
            "r - usefulness",
            "Kysely ohjasi minut itsehoitoon, vaikka minulla oli oikeasti korvatulehdus. Menin "
            "lopulta päivystykseen.",
        ),
        (
            "r - ease_of_use",
            "Kysymyksiä oli liikaa ja ne olivat vaikeasti muotoiltuja. Kuumeisena en jaksanut.",
        ),
        ("r 0", "ok juttu mut ei korvaa lääkäriä"),
        (
            "r - privacy_trust",
            "Pitääkö terveystiedot tosiaan syöttää jonkun yrityksen lomakkeeseen? Kenen "
            "palvelimella ne ovat?",
        ),
        ("c + ease_of_use speed_waiting", "Selkeä ja nopea, vei viisi minuuttia"),
        (
            "r - accessibility",
            "Ruudunlukija ei lukenut vastausvaihtoehtoja ollenkaan, en pystynyt täyttämään "
            "kyselyä.",
        ),
        (
            "r 0 information_guidance",
            "Ohjeet olivat ihan hyviä mutta yleisiä, samat löytää terveyskirjastosta.",
        ),
        (
            "c - speed_waiting",
            "Soittoa luvattiin samalle päivälle, mutta kukaan ei soittanut kahteen päivään.",
        ),
        (
            "r + availability_access",
            "Hyvä että toimii myös viikonloppuna, kun terveysasema on kiinni.",
        ),
        (
            "r 0 ideas_suggestions",
            "Lapsen oireille pitäisi olla oma kysely, nyt kysymykset oli aikuisille.",
        ),
        ("r -", "Tuntui siltä että minua yritettiin pitää poissa terveysasemalta."),
        (
            "c +",
            "Hyvä palvelu, käyttäisin uudestaan. Vastatkaa minulle vaikka osoitteeseen "
            "pekka.nieminen@example.com",
        ),
        (
            "e + staff_workload",
            "Saan valmiiksi täytetyt esitiedot ennen soittoa, joten puhelut ovat lyhyempiä ja "
            "asiapitoisempia.",
        ),
        (
            "e - staff_workload",
            "Soittopyyntöjä tuli enemmän kuin ehdimme hoitaa samana päivänä, koska kysely ohjasi "
            "varmuuden vuoksi soittamaan.",
        ),
        (
            "e 0 usefulness",
            "Noin kolmannes vastaajista olisi pärjännyt itsehoidolla muutenkin. Arvio oli melko "
            "varovainen.",
        ),
        (
            "e - information_guidance staff_workload",
            "Kyselyn tiedot eivät siirtyneet potilastietojärjestelmään, vaan kopioin ne käsin.",
        ),
        (
            "e + speed_waiting",
            "Aamun puhelinruuhka helpottui selvästi, kun osa asioista hoitui verkossa jo "
            "edellisenä iltana.",
        ),
        (
            "p + cooperation",
            "Viikkopalaverit hoitajien kanssa auttoivat hiomaan kysymyksiä, hyvää yhteistyötä.",
        ),
        (
            "p 0 cooperation",
            "Integraatio potilastietojärjestelmään ei ollut mahdollinen kokeilun aikataulussa, "
            "mikä rajoitti hyötyjä.",
        ),
        ("c 0", "En tiedä auttoiko vai ei, kävin kuitenkin vastaanotolla"),
        (
            "r + accessibility",
            "Oireista oli helpompi kirjoittaa kuin selittää niitä puhelimessa, kun puhe ei suju "
            "änkytyksen takia.",
        ),
    ],
    sv=[
        (
            "r + speed_waiting",
            "Jag fyllde i enkäten på kvällen och sjukskötaren ringde på morgonen.",
        ),
        (
            "r - accessibility",
            "Den svenska översättningen var dålig, vissa frågor gick inte att förstå.",
        ),
        ("r 0", "Okej, men ersätter inte en läkare."),
        ("r - usefulness", "Enkäten föreslog egenvård fast jag hade öroninflammation."),
        ("r + availability_access", "Bra att den fungerar också på helgen."),
        ("e + staff_workload", "Samtalen blir kortare när jag redan har förhandsuppgifterna."),
        (
            "e - information_guidance",
            "Uppgifterna fördes inte över till patientdatasystemet, jag måste kopiera dem för "
            "hand.",
        ),
        ("r - privacy_trust", "Vem har tillgång till mina hälsouppgifter i enkäten?"),
        ("c 0 ideas_suggestions", "Det behövs en egen enkät för barn."),
    ],
    en=[
        ("r + availability_access", "Great to have something that works at night and on weekends."),
        ("r - usefulness", "It told me to rest at home. Turned out I had pneumonia."),
        ("r + ease_of_use", "Quick and clear, took five minutes."),
        ("r - accessibility", "The English version was missing half the answer options."),
        ("r 0 information_guidance", "The advice was fine but very general."),
        ("c - speed_waiting", "Promised a call back the same day, nobody called for two days."),
        (
            "e + staff_workload",
            "Having the symptoms in writing before I call saves time on every call.",
        ),
        (
            "e - staff_workload",
            "The questionnaire sent too many people to call-back, we couldn't keep up.",
        ),
        ("r 0 privacy_trust", "Where is the health data stored? Couldn't find a privacy notice."),
    ],
)

# Discontinued: little use, broken devices, results that never reached the patient record.
HEALTH_KIOSK = snippets(
    fi=[
        ("r - reliability", "Verenpainemittari oli taas epäkunnossa, kolmas kerta kun yritän."),
        (
            "r 0 information_guidance",
            "En ollut huomannut koko kioskia ennen kuin joku mainitsi siitä",
        ),
        (
            "r - usefulness",
            "Mittasin verenpaineen ja tulos lähti muka terveysasemalle, mutta kukaan ei koskaan "
            "nähnyt sitä. Lääkäri kysyi samat luvut uudestaan.",
        ),
        ("r + ease_of_use", "Mittaus oli helppo tehdä ja ohjeet ruudulla selkeät."),
        (
            "r - privacy_trust",
            "Kioski on keskellä käytävää, kaikki näkevät kun mittaat painosi. Ei kiitos.",
        ),
        (
            "r - availability_access",
            "Kauppakeskus on kaukana meidän alueelta, kuka tänne tulee mittaamaan verenpainetta?",
        ),
        (
            "r - reliability",
            "Happisaturaatiomittari näytti 85 % ja säikähdin, lääkärissä se oli 98. Laite oli "
            "rikki.",
        ),
        (
            "r 0 information_guidance",
            "En tiennyt mitä tuloksilla pitäisi tehdä, ruutu vain näytti numerot.",
        ),
        (
            "c + usefulness",
            "Käyn kaupassa joka viikko ja mittaan samalla verenpaineen, kätevää kun kotona ei ole "
            "mittaria.",
        ),
        ("r - reliability", "Tyhjä kioski jossa lukee Epäkunnossa. Siinä tämä kokeilu."),
        ("r 0 ideas_suggestions", "Tällainen sopisi paremmin terveysaseman aulaan tai kirjastoon."),
        (
            "r - accessibility",
            "Vaaka ei sovellu pyörätuolille eikä istumapaikkaa ollut, en voinut käyttää mitään.",
        ),
        ("c - reliability", "kirjautuminen ei toiminut pankkitunnuksilla, kahdesti yritin"),
        ("r 0", "Kokeilin kerran, en tiedä oliko hyötyä"),
        (
            "e - usefulness information_guidance",
            "Tulokset tulivat erilliseen portaaliin, jota kukaan ei ehtinyt seurata. "
            "Potilastietojärjestelmään niitä ei saatu.",
        ),
        (
            "e - usefulness cost",
            "Kioskia käytti keskimäärin kuusi ihmistä päivässä. Se ei riitä perustelemaan "
            "kustannuksia.",
        ),
        (
            "e 0 staff_workload",
            "Kioski ei vaikuttanut työhöni mitenkään, koska tuloksia ei käytetty.",
        ),
        (
            "e - reliability",
            "Mittalaitteiden kalibrointi ja puhdistus jäivät epäselviksi. Välillä laite oli "
            "poissa käytöstä viikon.",
        ),
        (
            "e 0 ideas_suggestions",
            "Kotimittausten kirjaaminen suoraan sähköiseen asiointiin palvelisi samaa tarkoitusta "
            "paljon halvemmalla.",
        ),
        (
            "p 0 cooperation",
            "Olemme kaupungin kanssa samaa mieltä lopettamisesta. Ilman integraatiota "
            "potilastietoihin palvelusta ei saatu hyötyä.",
        ),
        (
            "p - cooperation",
            "Sijainti kauppakeskuksessa valittiin sen mukaan, missä tilaa oli vapaana, ei "
            "käyttäjien mukaan.",
        ),
        ("r -", "Lopettakaa tämä ja palauttakaa terveydenhoitajan vastaanotto kauppakeskukseen"),
        (
            "c 0",
            "Hyvä idea, huono toteutus. Vastaan mielelläni lisäkysymyksiin: "
            "aino.koskinen@example.fi",
        ),
    ],
    sv=[
        ("r - reliability", "Blodtrycksmätaren var trasig igen, tredje gången jag försöker."),
        ("r - privacy_trust", "Kiosken står mitt i gången, alla ser när man väger sig."),
        (
            "r - usefulness",
            "Resultatet skulle skickas till hälsostationen, men ingen där hade sett det.",
        ),
        ("r + ease_of_use", "Mätningen var lätt och instruktionerna tydliga."),
        ("r 0", "Jag hade inte ens lagt märke till kiosken."),
        (
            "e - usefulness cost",
            "I genomsnitt sex användare per dag, det motiverar inte kostnaderna.",
        ),
        ("e - information_guidance", "Resultaten kom till en separat portal som ingen hann följa."),
        (
            "p 0 cooperation",
            "Vi är överens med staden om att avsluta, utan koppling till patientjournalen gav "
            "tjänsten ingen nytta.",
        ),
        (
            "r 0 ideas_suggestions",
            "En sådan kiosk skulle passa bättre i hälsostationens entréhall.",
        ),
    ],
    en=[
        ("r - reliability", "Out of order. Again."),
        (
            "r - usefulness",
            "My results were supposedly sent to the health centre but my doctor had never seen "
            "them.",
        ),
        (
            "r - privacy_trust",
            "Weighing yourself in the middle of a shopping centre corridor? No thanks.",
        ),
        ("r + ease_of_use", "Easy to use, clear instructions on the screen."),
        ("r 0 information_guidance", "It showed me numbers but no idea what to do with them."),
        ("e - usefulness cost", "Barely used, maybe six people a day. Not worth the cost."),
        (
            "r - reliability",
            "The oxygen reading said 86% and scared me half to death. My GP measured 98.",
        ),
        (
            "p - cooperation",
            "The location was chosen by where space was free, not by where users are.",
        ),
        ("r 0 ideas_suggestions", "Would make more sense at the health centre or the library."),
    ],
)

BY_SLUG: dict[str, tuple[Snippet, ...]] = {
    "remote-home-care-visits": REMOTE_HOME_CARE_VISITS,
    "medication-dispenser": MEDICATION_DISPENSER,
    "online-symptom-checker": ONLINE_SYMPTOM_CHECKER,
    "health-kiosk": HEALTH_KIOSK,
}

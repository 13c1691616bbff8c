"""Feedback snippets for the experiments in the city's own work processes."""

from __future__ import annotations

from feedback_api.demo.records import Snippet, snippets

INVOICE_SOFTWARE_ROBOT = snippets(
    fi=[
        (
            "e + speed_waiting",
            "Tilausta vastaavat laskut menevät nyt läpi samana päivänä. Ennen ne odottivat "
            "jonossa viikon.",
        ),
        (
            "e + staff_workload",
            "Rutiinitarkistukset jäivät pois, ja keskityn poikkeamiin ja niiden selvittelyyn "
            "toimittajien kanssa. Työ on mielekkäämpää.",
        ),
        (
            "e - reliability",
            "Robotti pysähtyy aina kun toimittaja muuttaa laskun muotoa, ja silloin koko pino "
            "tulee käsin käsiteltäväksi.",
        ),
        (
            "e 0 staff_workload",
            "Käsittelen vähemmän laskuja, mutta jäljelle jäävät ovat vaikeimpia ja vievät "
            "kauemmin.",
        ),
        (
            "e - information_guidance",
            "En tiedä, mitä robotti on tarkistanut ja mitä ei. Lokit ovat englanniksi ja "
            "epäselviä.",
        ),
        (
            "e + usefulness",
            "Maksujen viivästykset ovat vähentyneet ja viivästyskorkoja on tullut selvästi "
            "vähemmän.",
        ),
        (
            "e - privacy_trust",
            "Kenen tunnuksilla robotti hyväksyy laskuja? Vastuukysymykset pitää selvittää ennen "
            "kuin tätä laajennetaan.",
        ),
        (
            "e 0 ideas_suggestions",
            "Robotin voisi opettaa käsittelemään myös matkalaskut, ne ovat vielä "
            "yksinkertaisempia.",
        ),
        ("e +", "Hyvä juttu, ei tarvii enää kopioida tilausnumeroita käsin"),
        (
            "e - staff_workload",
            "Alussa jouduin tarkistamaan kaikki robotin käsittelemät laskut uudestaan, joten "
            "työtä tuli lisää.",
        ),
        ("e 0", "Vaikea sanoa vielä, vasta pari kuukautta mukana"),
        (
            "e + ease_of_use",
            "Poikkeamien käsittelynäkymä on selkeä, näen heti miksi lasku ei mennyt läpi.",
        ),
        (
            "e - cooperation reliability",
            "Kun robotti on rikki, ei ole selvää soitetaanko toimittajalle vai omalle IT:lle. "
            "Tiketit pomppivat.",
        ),
        ("e 0 speed_waiting", "Kuun vaihteessa robotti hidastuu selvästi, kun laskuja on paljon."),
        (
            "e + staff_workload",
            "Lomien aikana robotti hoiti perusmassan ja jonot pysyivät kurissa, ensimmäistä "
            "kertaa vuosiin.",
        ),
        (
            "e -",
            "Pelkään että tämä tarkoittaa vähennyksiä meidän tiimiin. Kukaan ei ole sanonut "
            "mitään suoraan.",
        ),
        ("e + information_guidance", "Koulutus oli hyvä ja ohjeet löytyvät intrasta."),
        ("e 0 cost", "Lisenssimaksut ovat korkeat, säästöt pitäisi laskea auki ennen päätöstä."),
        (
            "p + cooperation",
            "Taloushallinnon tiimi on ollut aktiivinen ja tuntee prosessinsa hyvin, mikä helpotti "
            "robotin opettamista.",
        ),
        (
            "p 0 cooperation",
            "Toimittajarekisterin laatu vaihtelee paljon, ja se olisi pitänyt siivota ennen "
            "kokeilua.",
        ),
        (
            "p - cooperation",
            "Pääsy kaupungin testiympäristöön kesti kaksi kuukautta, mikä viivästytti aikataulua.",
        ),
        (
            "p + usefulness",
            "Automaattisesti käsiteltyjen laskujen osuus on noussut 40 prosentista 70 "
            "prosenttiin, ja kehitys jatkuu.",
        ),
        (
            "e + speed_waiting",
            "Ostolaskujen käsittelyaika laski keskimäärin kymmenestä päivästä kolmeen.",
        ),
        ("e - reliability", "Skannatut paperilaskut eivät mene robotilta ollenkaan läpi"),
    ],
    sv=[
        ("e + speed_waiting", "Fakturor som stämmer med beställningen går igenom samma dag."),
        ("e - reliability", "Roboten stannar varje gång leverantören ändrar fakturans format."),
        ("e + staff_workload", "Jag slipper rutinkontrollerna och kan fokusera på avvikelserna."),
        ("e 0 staff_workload", "Jag hanterar färre fakturor, men de som blir kvar är de svåraste."),
        (
            "e - information_guidance",
            "Loggarna är otydliga, jag vet inte vad roboten har kontrollerat.",
        ),
        ("e 0 ideas_suggestions", "Roboten kunde också sköta reseräkningarna."),
        (
            "p + cooperation",
            "Ekonomiteamet har varit engagerat och kunnigt, det gjorde arbetet lättare.",
        ),
        ("p - cooperation", "Det tog två månader att få tillgång till stadens testmiljö."),
        ("e +", "Bra, jag behöver inte längre kopiera ordernummer för hand."),
    ],
    en=[
        ("e + speed_waiting", "Average processing time dropped from about ten days to three."),
        (
            "e - reliability",
            "Scanned paper invoices don't go through at all, they all end up on my desk.",
        ),
        ("e + staff_workload", "Less copy-pasting, more time for the tricky cases. I like it."),
        (
            "e - privacy_trust",
            "Whose credentials does the robot use to approve invoices? Accountability needs to be "
            "clear.",
        ),
        ("e 0", "Too early to say, I joined the team a month ago."),
        ("e 0 cost", "Licence costs are high; I'd like to see the savings calculated openly."),
        (
            "p + cooperation",
            "The finance team knows its processes very well, which made training the robot much "
            "easier.",
        ),
        (
            "p 0 cooperation",
            "Supplier master data quality varies a lot, cleaning it up should have come first.",
        ),
        (
            "e - cooperation reliability",
            "When the robot breaks, nobody knows whether to call the vendor or our own IT.",
        ),
    ],
)

ELECTRONIC_SIGNATURES = snippets(
    fi=[
        (
            "e + speed_waiting",
            "Työsopimukset palautuvat allekirjoitettuina samana päivänä, ennen odotimme postia "
            "viikon.",
        ),
        (
            "e + staff_workload",
            "Ei enää tulostamista, skannausta ja kirjekuoria. Säästää oikeasti tunteja viikossa.",
        ),
        ("e + ease_of_use", "Helppo käyttää, allekirjoitin pankkitunnuksilla puhelimella junassa."),
        (
            "e - ease_of_use",
            "Jos allekirjoittajia on monta, järjestyksen määrittäminen on sekavaa, ja yksi "
            "sopimus jäi jumiin viikoksi.",
        ),
        ("e 0", "Toimii, ei mitään valitettavaa"),
        (
            "e - information_guidance",
            "Arkistointiohje puuttui aluksi kokonaan, eikä kukaan tiennyt, tallennetaanko "
            "allekirjoitettu versio asianhallintaan.",
        ),
        (
            "e + usefulness",
            "Päätökset voidaan allekirjoittaa etänä, joten lomat eivät enää pysäytä asioita.",
        ),
        (
            "e 0 privacy_trust",
            "Tietoturvatiimi hyväksyi palvelun, mutta osa esihenkilöistä epäilee yhä sähköisen "
            "allekirjoituksen pätevyyttä.",
        ),
        (
            "e - reliability",
            "Palvelu oli poissa käytöstä kuun viimeisenä päivänä, juuri kun sopimusten piti "
            "lähteä.",
        ),
        ("e +", "Paras digiuudistus pitkään aikaan!"),
        (
            "e 0 ideas_suggestions",
            "Allekirjoituspyyntöön voisi liittää automaattisen muistutuksen, nyt joudun "
            "soittelemaan perään.",
        ),
        ("e + cost", "Postikulut ja paperin kulutus ovat pudonneet murto-osaan."),
        (
            "c + speed_waiting",
            "Allekirjoitin työsopimuksen kotoa, ei tarvinnut tulla erikseen toimistolle.",
        ),
        (
            "c - accessibility",
            "Minulla ei ole suomalaisia pankkitunnuksia, joten en voinut allekirjoittaa "
            "sähköisesti ollenkaan.",
        ),
        ("c 0", "ihan kätevä"),
        ("c + ease_of_use", "Linkki tuli sähköpostiin ja homma oli valmis kahdessa minuutissa"),
        (
            "rc 0 privacy_trust",
            "Sähköpostiviesti näytti huijaukselta, soitin varmistamaan että se on oikeasti "
            "kaupungilta.",
        ),
        (
            "p + cooperation",
            "Kaupungin projektitiimi teki päätökset nopeasti ja käyttöönotto eteni aikataulussa.",
        ),
        (
            "p + speed_waiting",
            "Hankintasopimukset palautuvat meille nyt päivässä, aiemmin kului kolme viikkoa.",
        ),
        (
            "p 0 cooperation",
            "Kaupungin yksiköillä oli erilaiset käytännöt allekirjoitusoikeuksista, ja niiden "
            "yhtenäistäminen kesti.",
        ),
        (
            "e - staff_workload",
            "Alussa jouduin neuvomaan koko yksikön väkeä, vaikka se ei kuulu työhöni.",
        ),
        (
            "e + staff_workload speed_waiting",
            "Rekrytointi nopeutui selvästi, kun sopimus ei odota esihenkilön toimistopäivää.",
        ),
    ],
    sv=[
        ("e + speed_waiting", "Arbetsavtalen kommer tillbaka undertecknade samma dag."),
        (
            "e + staff_workload",
            "Ingen utskrift, skanning eller kuvert längre. Sparar timmar varje vecka.",
        ),
        ("e - ease_of_use", "När det finns flera undertecknare blir ordningen förvirrande."),
        ("e 0", "Fungerar, inget att klaga på."),
        (
            "c - accessibility",
            "Jag har inga finska bankkoder och kunde inte skriva under elektroniskt.",
        ),
        ("c + ease_of_use", "Länken kom per e-post och allt var klart på två minuter."),
        (
            "p + cooperation",
            "Stadens projektgrupp fattade beslut snabbt och införandet höll tidtabellen.",
        ),
        ("e - information_guidance", "Det saknades anvisningar om arkivering i början."),
        ("e 0 ideas_suggestions", "Automatiska påminnelser till undertecknarna skulle behövas."),
    ],
    en=[
        ("e + speed_waiting", "Contracts come back signed the same day instead of a week by post."),
        (
            "c - accessibility",
            "Without Finnish online banking credentials I couldn't sign at all. Please offer an "
            "alternative for foreigners.",
        ),
        ("c + ease_of_use", "Signed my employment contract from home on my phone, very smooth."),
        ("e +", "Best digital improvement in years."),
        (
            "e - reliability",
            "The service was down on the last day of the month, exactly when we needed it most.",
        ),
        (
            "e 0 privacy_trust",
            "Some managers still doubt whether electronic signatures are legally valid.",
        ),
        ("p + cooperation", "Clear decisions and a good schedule from the city's project team."),
        (
            "rc 0 privacy_trust",
            "The email looked like phishing, so I called to check it was genuine. Reach me at "
            "tom.walker@example.com if you want details.",
        ),
        (
            "e 0 ideas_suggestions",
            "Automatic reminders for signers would save me from chasing people.",
        ),
    ],
)

BY_SLUG: dict[str, tuple[Snippet, ...]] = {
    "invoice-software-robot": INVOICE_SOFTWARE_ROBOT,
    "electronic-signatures": ELECTRONIC_SIGNATURES,
}

"""The demo programme's experiments, written by hand in Finnish, Swedish and English.

Modelled on a municipal digital-experiments programme: services across the city, run with
companies, universities and associations, in every status. Outcome profiles steer the
generated feedback; the discontinued experiments have a clear reason that their feedback
and description make visible.
"""

from __future__ import annotations

from feedback_api.demo.records import ExperimentMaterial, Outcome

EXPERIMENTS: tuple[ExperimentMaterial, ...] = (
    # --- running -----------------------------------------------------------------------
    ExperimentMaterial(
        slug="library-robot",
        title_fi="Kirjastorobotti opastaa asiakkaita",
        title_sv="Biblioteksrobot som vägleder kunderna",
        title_en="Library robot guiding customers",
        description_fi=(
            "Pääkirjastossa liikkuva robotti opastaa asiakkaita oikealle hyllylle, kertoo "
            "tapahtumista ja vastaa yleisimpiin kysymyksiin suomeksi, ruotsiksi ja englanniksi. "
            "Kokeilussa selvitetään, käyttävätkö asiakkaat robottia ja vapauttaako se "
            "henkilökunnan aikaa vaativampaan asiakaspalveluun."
        ),
        description_sv=(
            "En robot som rör sig i huvudbiblioteket visar kunderna till rätt hylla, berättar "
            "om evenemang och svarar på de vanligaste frågorna på finska, svenska och engelska. "
            "Försöket ska visa om kunderna använder roboten och om den frigör personalens tid "
            "för mer krävande kundservice."
        ),
        description_en=(
            "A robot moving around the main library shows customers to the right shelf, tells "
            "them about events and answers the most common questions in Finnish, Swedish and "
            "English. The experiment finds out whether customers use the robot and whether it "
            "frees staff time for more demanding customer service."
        ),
        owner_name="Kirjastopalvelut / Library services",
        partners=("Robotiikka Oy", "Aalto-yliopisto"),
        service_area="library",
        start_offset_days=-210,
        end_offset_days=150,
        status="running",
        outcome=Outcome(
            mean_rating=3.9,
            would_use=(0.55, 0.3, 0.15),
            fits_work=(0.4, 0.4, 0.2),
            roles={"resident": 0.35, "customer": 0.45, "employee": 0.15, "partner": 0.05},
            languages={"fi": 0.62, "sv": 0.13, "en": 0.25},
            volume=140,
        ),
    ),
    ExperimentMaterial(
        slug="daycare-application-chatbot",
        title_fi="Chatbot varhaiskasvatushakemuksen tukena",
        title_sv="Chattbot som hjälp med ansökan om småbarnspedagogik",
        title_en="Chatbot for early childhood education applications",
        description_fi=(
            "Kaupungin verkkosivujen chatbot neuvoo perheitä varhaiskasvatuspaikan hakemisessa "
            "ympäri vuorokauden: hakuajat, tarvittavat liitteet ja asiakasmaksut. Kokeilussa "
            "seurataan, vähentääkö chatbot puheluita palveluohjaukseen ja saavatko perheet "
            "vastauksen kysymyksiinsä."
        ),
        description_sv=(
            "En chattbot på stadens webbplats ger familjer råd om ansökan om plats inom "
            "småbarnspedagogiken dygnet runt: ansökningstider, bilagor som behövs och "
            "klientavgifter. Försöket följer upp om chattboten minskar antalet samtal till "
            "servicehandledningen och om familjerna får svar på sina frågor."
        ),
        description_en=(
            "A chatbot on the city website advises families applying for an early childhood "
            "education place around the clock: application periods, required attachments and "
            "client fees. The experiment follows whether the chatbot reduces calls to service "
            "guidance and whether families get answers to their questions."
        ),
        owner_name="Varhaiskasvatuksen palveluohjaus / Early education service guidance",
        partners=("Botti Labs Oy",),
        service_area="day_care",
        start_offset_days=-130,
        end_offset_days=110,
        status="running",
        outcome=Outcome(
            mean_rating=3.4,
            would_use=(0.45, 0.35, 0.2),
            fits_work=(0.35, 0.45, 0.2),
            roles={"resident": 0.15, "customer": 0.6, "employee": 0.2, "partner": 0.05},
            languages={"fi": 0.6, "sv": 0.18, "en": 0.22},
            volume=110,
        ),
    ),
    ExperimentMaterial(
        slug="remote-home-care-visits",
        title_fi="Etäkotihoito videoyhteydellä",
        title_sv="Distanshemvård via videolänk",
        title_en="Remote home-care visits by video",
        description_fi=(
            "Osa kotihoidon käynneistä tehdään videoyhteydellä asiakkaan kotiin toimitetun "
            "tabletin kautta: lääkkeenoton muistutus, voinnin seuranta ja juttutuokio. "
            "Kokeilussa selvitetään, sopiiko etäkäynti asiakkaille ja omaisille ja vapautuuko "
            "hoitajien aikaa käynteihin, joilla hoitajan on oltava paikan päällä."
        ),
        description_sv=(
            "En del av hemvårdsbesöken görs via videolänk med en surfplatta som levereras hem "
            "till klienten: påminnelse om medicinering, uppföljning av måendet och en stunds "
            "prat. Försöket utreder om distansbesök passar klienterna och de anhöriga och om "
            "vårdarna får mer tid för de besök där någon måste vara på plats."
        ),
        description_en=(
            "Some home-care visits are made by video through a tablet delivered to the "
            "client's home: medication reminders, checking how the client is doing and a short "
            "chat. The experiment finds out whether remote visits suit clients and relatives "
            "and whether nurses gain time for the visits that need someone on site."
        ),
        owner_name="Kotihoito / Home care",
        partners=("Videohoiva Oy", "Laurea-ammattikorkeakoulu"),
        service_area="elderly_care",
        start_offset_days=-290,
        end_offset_days=75,
        status="running",
        outcome=Outcome(
            mean_rating=4.0,
            would_use=(0.55, 0.25, 0.2),
            fits_work=(0.5, 0.35, 0.15),
            roles={"resident": 0.12, "customer": 0.43, "employee": 0.4, "partner": 0.05},
            languages={"fi": 0.72, "sv": 0.16, "en": 0.12},
            volume=130,
        ),
    ),
    ExperimentMaterial(
        slug="on-demand-minibus",
        title_fi="Kutsuohjattu pikkubussi pohjoisille asuinalueille",
        title_sv="Anropsstyrd minibuss till de norra bostadsområdena",
        title_en="On-demand minibus for the northern neighbourhoods",
        description_fi=(
            "Pohjoisten asuinalueiden asukkaat voivat tilata pikkubussin sovelluksella tai "
            "puhelimella lähimmälle pysäkille ja matkustaa juna-asemalle tai terveysasemalle. "
            "Kokeilu selvittää, voiko kutsuliikenne korvata harvoin kulkevat bussivuorot ja "
            "paljonko se maksaa matkaa kohden."
        ),
        description_sv=(
            "Invånarna i de norra bostadsområdena kan beställa en minibuss till närmaste "
            "hållplats via en app eller per telefon och åka till tågstationen eller "
            "hälsostationen. Försöket utreder om anropstrafiken kan ersätta busslinjer med "
            "glesa turer och vad den kostar per resa."
        ),
        description_en=(
            "Residents of the northern neighbourhoods can order a minibus to the nearest stop "
            "with an app or by phone and ride to the railway station or the health centre. The "
            "experiment finds out whether on-demand transport can replace infrequent bus "
            "services and what it costs per trip."
        ),
        owner_name="Joukkoliikenneyksikkö / Public transport unit",
        partners=("Matkaketju Oy", "Pikkubussit Nieminen Oy"),
        service_area="transport",
        start_offset_days=-95,
        end_offset_days=270,
        status="running",
        outcome=Outcome(
            mean_rating=3.5,
            would_use=(0.5, 0.3, 0.2),
            fits_work=(0.4, 0.4, 0.2),
            roles={"resident": 0.65, "customer": 0.2, "employee": 0.1, "partner": 0.05},
            languages={"fi": 0.66, "sv": 0.12, "en": 0.22},
            volume=95,
        ),
    ),
    ExperimentMaterial(
        slug="vr-science-lessons",
        title_fi="Virtuaalilasit yläkoulun fysiikan ja kemian tunneilla",
        title_sv="VR-glasögon på högstadiets lektioner i fysik och kemi",
        title_en="VR headsets in lower secondary physics and chemistry",
        description_fi=(
            "Kolmen yläkoulun oppilaat tekevät virtuaalilaseilla kokeita, jotka olisivat "
            "luokassa liian vaarallisia tai kalliita. Opettajat ja Helsingin yliopiston "
            "tutkijat arvioivat, auttaako virtuaaliopetus oppimaan ja sopiiko se tavalliseen "
            "lukujärjestykseen."
        ),
        description_sv=(
            "Elever i tre högstadieskolor gör experiment med VR-glasögon som skulle vara för "
            "farliga eller dyra i klassrummet. Lärarna och forskare vid Helsingfors universitet "
            "bedömer om undervisningen i en virtuell miljö stöder lärandet och om den passar in "
            "i ett vanligt schema."
        ),
        description_en=(
            "Pupils at three lower secondary schools use VR headsets to carry out experiments "
            "that would be too dangerous or expensive in the classroom. Teachers and "
            "researchers from the University of Helsinki assess whether virtual teaching helps "
            "learning and fits into an ordinary timetable."
        ),
        owner_name="Perusopetus / Basic education",
        partners=("Virtuaaliluokka Oy", "Helsingin yliopisto"),
        service_area="school",
        start_offset_days=-160,
        end_offset_days=140,
        status="running",
        outcome=Outcome(
            mean_rating=3.9,
            would_use=(0.6, 0.25, 0.15),
            fits_work=(0.35, 0.45, 0.2),
            roles={"resident": 0.15, "customer": 0.5, "employee": 0.3, "partner": 0.05},
            languages={"fi": 0.6, "sv": 0.2, "en": 0.2},
            volume=85,
        ),
    ),
    ExperimentMaterial(
        slug="invoice-software-robot",
        title_fi="Ohjelmistorobotti ostolaskujen käsittelyssä",
        title_sv="Programvarurobot för hantering av inköpsfakturor",
        title_en="Software robot for purchase invoices",
        description_fi=(
            "Ohjelmistorobotti tarkistaa ostolaskujen tiedot, täsmäyttää ne tilauksiin ja "
            "ohjaa poikkeamat ihmisen käsiteltäviksi. Kokeilussa mitataan, nopeutuuko laskujen "
            "käsittely ja miten robotti muuttaa taloushallinnon työntekijöiden työtä."
        ),
        description_sv=(
            "En programvarurobot kontrollerar uppgifterna i inköpsfakturorna, stämmer av dem "
            "mot beställningarna och skickar avvikelserna vidare till en människa. Försöket "
            "mäter om fakturahanteringen blir snabbare och hur roboten förändrar arbetet för "
            "de anställda inom ekonomiförvaltningen."
        ),
        description_en=(
            "A software robot checks the details of purchase invoices, matches them against "
            "orders and routes exceptions to a person. The experiment measures whether invoice "
            "processing gets faster and how the robot changes the work of financial "
            "administration staff."
        ),
        owner_name="Talous- ja hallintopalvelut / Financial and administrative services",
        partners=("Prosessirobotti Oy",),
        service_area="work_processes",
        start_offset_days=-250,
        end_offset_days=60,
        status="running",
        outcome=Outcome(
            mean_rating=3.7,
            would_use=(0.7, 0.25, 0.05),
            fits_work=(0.45, 0.4, 0.15),
            roles={"resident": 0.0, "customer": 0.0, "employee": 0.85, "partner": 0.15},
            languages={"fi": 0.8, "sv": 0.1, "en": 0.1},
            volume=60,
        ),
    ),
    # --- ended -------------------------------------------------------------------------
    ExperimentMaterial(
        slug="smart-waste-bins",
        title_fi="Täyttöastetta mittaavat roska-astiat puistoissa",
        title_sv="Avfallskärl med fyllnadsgradsgivare i parkerna",
        title_en="Fill-level sensors in park waste bins",
        description_fi=(
            "Puistojen roska-astioihin asennettiin anturit, jotka kertovat astian "
            "täyttöasteen, jotta tyhjennysreitit voitiin suunnitella tarpeen mukaan. Kokeilu "
            "päättyi suunnitellusti, ja sen tuloksia arvioidaan ennen päätöstä laajemmasta "
            "käyttöönotosta."
        ),
        description_sv=(
            "I parkernas avfallskärl installerades givare som visar fyllnadsgraden, så att "
            "tömningsrutterna kunde planeras efter behov. Försöket avslutades som planerat och "
            "resultaten utvärderas innan man beslutar om en bredare användning."
        ),
        description_en=(
            "Sensors reporting the fill level were installed in park waste bins so that "
            "emptying routes could be planned as needed. The experiment ended as planned and "
            "its results are being assessed before a decision on wider use."
        ),
        owner_name="Kaupunkitekniikka, puistot / Urban engineering, parks",
        partners=("Sensoriverkko Oy", "Puistohuolto Virtanen Oy"),
        service_area="environment",
        start_offset_days=-520,
        end_offset_days=-150,
        status="ended",
        outcome=Outcome(
            mean_rating=3.6,
            would_use=(0.45, 0.35, 0.2),
            fits_work=(0.45, 0.35, 0.2),
            roles={"resident": 0.45, "customer": 0.0, "employee": 0.4, "partner": 0.15},
            languages={"fi": 0.7, "sv": 0.15, "en": 0.15},
            volume=70,
        ),
    ),
    ExperimentMaterial(
        slug="keyless-sports-halls",
        title_fi="Avaimeton sisäänpääsy koulujen liikuntasaleihin iltaisin",
        title_sv="Nyckelfritt tillträde till skolornas gymnastiksalar på kvällarna",
        title_en="Keyless evening access to school gyms",
        description_fi=(
            "Iltavuorojen käyttäjät avasivat koulujen liikuntasalien ovet mobiilisovelluksella "
            "tai kertakoodilla sen sijaan, että olisivat noutaneet avaimen. Kokeilu on "
            "päättynyt, ja nyt arvioidaan, miten kulunvalvonta ja vuorojen varaus voidaan "
            "yhdistää pysyvästi."
        ),
        description_sv=(
            "De som bokat kvällsturer öppnade dörrarna till skolornas gymnastiksalar med en "
            "mobilapp eller en engångskod i stället för att hämta en nyckel. Försöket har "
            "avslutats och nu utreds hur passerkontrollen och bokningen av turer kan "
            "kombineras permanent."
        ),
        description_en=(
            "Evening users opened the doors of school gyms with a mobile app or a one-time code "
            "instead of collecting a key. The experiment has ended, and the city is now "
            "assessing how door access control and slot booking could be combined permanently."
        ),
        owner_name="Liikuntapalvelut / Sports services",
        partners=("Ovisto Oy", "Urheiluseura Kilpa ry"),
        service_area="culture_sports",
        start_offset_days=-600,
        end_offset_days=-240,
        status="ended",
        outcome=Outcome(
            mean_rating=3.9,
            would_use=(0.6, 0.25, 0.15),
            fits_work=(0.4, 0.4, 0.2),
            roles={"resident": 0.3, "customer": 0.5, "employee": 0.15, "partner": 0.05},
            languages={"fi": 0.64, "sv": 0.16, "en": 0.2},
            volume=90,
        ),
    ),
    ExperimentMaterial(
        slug="online-symptom-checker",
        title_fi="Oirearvio verkossa ennen terveysasemalle hakeutumista",
        title_sv="Symtombedömning på nätet innan man söker sig till hälsostationen",
        title_en="Online symptom checker before contacting the health centre",
        description_fi=(
            "Asukkaat saattoivat täyttää verkossa oirekyselyn, jonka perusteella he saivat "
            "itsehoito-ohjeet tai hoitaja soitti heille takaisin. Kokeilu on päättynyt, ja sen "
            "aikana kerättyä tietoa käytetään terveysasemien digipalvelujen kehittämisessä."
        ),
        description_sv=(
            "Invånarna kunde fylla i en symtomenkät på nätet och fick utifrån den råd om "
            "egenvård eller blev uppringda av en sjukskötare. Försöket har avslutats och "
            "erfarenheterna används i utvecklingen av hälsostationernas digitala tjänster."
        ),
        description_en=(
            "Residents could fill in an online symptom questionnaire and, based on it, received "
            "self-care advice or a call back from a nurse. The experiment has ended and what "
            "was learnt is used in developing the health centres' digital services."
        ),
        owner_name="Terveysasemat / Health centres",
        partners=("Oirekompassi Oy", "Itä-Suomen yliopisto"),
        service_area="health",
        start_offset_days=-480,
        end_offset_days=-200,
        status="ended",
        outcome=Outcome(
            mean_rating=3.4,
            would_use=(0.45, 0.3, 0.25),
            fits_work=(0.35, 0.45, 0.2),
            roles={"resident": 0.55, "customer": 0.25, "employee": 0.17, "partner": 0.03},
            languages={"fi": 0.62, "sv": 0.16, "en": 0.22},
            volume=120,
        ),
    ),
    # --- adopted -----------------------------------------------------------------------
    ExperimentMaterial(
        slug="medication-dispenser",
        title_fi="Lääkeannosteluautomaatti kotihoidon asiakkaille",
        title_sv="Läkemedelsautomat för hemvårdens klienter",
        title_en="Automatic medication dispenser for home-care clients",
        description_fi=(
            "Kotiin asennettu automaatti antaa asiakkaalle oikeat lääkkeet oikeaan aikaan ja "
            "hälyttää hoitajalle, jos annos jää ottamatta. Kokeilun jälkeen automaatti otettiin "
            "osaksi kotihoidon palveluja, koska lääkkeet otettiin ajallaan ja hoitajien "
            "käynnit voitiin kohdentaa paremmin."
        ),
        description_sv=(
            "En automat som installeras i hemmet ger klienten rätt läkemedel vid rätt tidpunkt "
            "och larmar vårdaren om en dos inte tas. Efter försöket blev automaten en del av "
            "hemvårdens tjänster, eftersom läkemedlen togs i tid och vårdarnas besök kunde "
            "riktas bättre."
        ),
        description_en=(
            "A dispenser installed in the home gives the client the right medicines at the "
            "right time and alerts a nurse if a dose is missed. After the experiment the "
            "dispenser became part of home-care services because medicines were taken on time "
            "and nurses' visits could be targeted better."
        ),
        owner_name="Kotihoito / Home care",
        partners=("Annostelu Oy", "Kotiapteekki Lehto"),
        service_area="elderly_care",
        start_offset_days=-700,
        end_offset_days=-380,
        status="adopted",
        outcome=Outcome(
            mean_rating=4.4,
            would_use=(0.75, 0.17, 0.08),
            fits_work=(0.7, 0.25, 0.05),
            roles={"resident": 0.15, "customer": 0.45, "employee": 0.35, "partner": 0.05},
            languages={"fi": 0.7, "sv": 0.17, "en": 0.13},
            volume=125,
        ),
    ),
    ExperimentMaterial(
        slug="electronic-signatures",
        title_fi="Sähköinen allekirjoitus sopimuksiin ja päätöksiin",
        title_sv="Elektronisk underskrift av avtal och beslut",
        title_en="Electronic signatures for contracts and decisions",
        description_fi=(
            "Kaupungin sopimukset, työsopimukset ja viranhaltijapäätökset allekirjoitettiin "
            "sähköisesti sen sijaan, että ne olisi tulostettu ja postitettu. Kokeilu osoitti, "
            "että allekirjoitukset valmistuivat päivissä viikkojen sijaan, ja palvelu otettiin "
            "käyttöön koko kaupungissa."
        ),
        description_sv=(
            "Stadens avtal, arbetsavtal och tjänsteinnehavarbeslut undertecknades elektroniskt "
            "i stället för att skrivas ut och skickas per post. Försöket visade att "
            "underskrifterna blev klara på några dagar i stället för veckor, och tjänsten togs "
            "i bruk i hela staden."
        ),
        description_en=(
            "The city's contracts, employment contracts and officials' decisions were signed "
            "electronically instead of being printed and posted. The experiment showed that "
            "signatures were completed in days rather than weeks, and the service was adopted "
            "across the city."
        ),
        owner_name="Hallintopalvelut / Administrative services",
        partners=("Sinetti Allekirjoituspalvelut Oy",),
        service_area="work_processes",
        start_offset_days=-640,
        end_offset_days=-430,
        status="adopted",
        outcome=Outcome(
            mean_rating=4.3,
            would_use=(0.75, 0.2, 0.05),
            fits_work=(0.7, 0.25, 0.05),
            roles={"resident": 0.05, "customer": 0.15, "employee": 0.6, "partner": 0.2},
            languages={"fi": 0.72, "sv": 0.13, "en": 0.15},
            volume=80,
        ),
    ),
    ExperimentMaterial(
        slug="self-service-library",
        title_fi="Omatoimikirjasto aamuisin ja iltaisin",
        title_sv="Meröppet bibliotek på morgnar och kvällar",
        title_en="Self-service library hours in the mornings and evenings",
        description_fi=(
            "Lähikirjastoon pääsi kirjastokortilla ja PIN-koodilla myös henkilökunnan työajan "
            "ulkopuolella kello 7–22 lainaamaan, palauttamaan ja opiskelemaan. Kokeilun "
            "jälkeen omatoimiaika otettiin pysyvästi käyttöön kolmessa lähikirjastossa."
        ),
        description_sv=(
            "Med bibliotekskort och PIN-kod kom man in i närbiblioteket även utanför "
            "personalens arbetstid, kl. 7–22, för att låna, lämna tillbaka och studera. Efter "
            "försöket infördes meröppettiderna permanent i tre närbibliotek."
        ),
        description_en=(
            "Residents could enter the local library with their library card and PIN outside "
            "staffed hours, from 7 am to 10 pm, to borrow, return and study. After the "
            "experiment the self-service hours were made permanent in three local libraries."
        ),
        owner_name="Kirjastopalvelut / Library services",
        partners=("Kulunvalvonta Lukko Oy",),
        service_area="library",
        start_offset_days=-560,
        end_offset_days=-300,
        status="adopted",
        outcome=Outcome(
            mean_rating=4.5,
            would_use=(0.8, 0.14, 0.06),
            fits_work=(0.6, 0.3, 0.1),
            roles={"resident": 0.5, "customer": 0.35, "employee": 0.12, "partner": 0.03},
            languages={"fi": 0.6, "sv": 0.14, "en": 0.26},
            volume=150,
        ),
    ),
    # --- discontinued ------------------------------------------------------------------
    ExperimentMaterial(
        slug="park-and-ride-sensors",
        title_fi="Pysäköintianturit liityntäpysäköinnissä",
        title_sv="Parkeringsgivare vid infartsparkeringen",
        title_en="Parking sensors at park-and-ride",
        description_fi=(
            "Liityntäpysäköintialueiden ruutuihin asennetut anturit näyttivät vapaat paikat "
            "sovelluksessa ja opastetaulussa. Kokeilu keskeytettiin, koska anturit eivät "
            "toimineet lumen ja jään alla ja tieto vapaista paikoista oli usein väärä."
        ),
        description_sv=(
            "Givare som installerats i parkeringsrutorna vid infartsparkeringarna visade lediga "
            "platser i en app och på en skylt. Försöket avbröts eftersom givarna inte fungerade "
            "under snö och is och uppgifterna om lediga platser ofta var fel."
        ),
        description_en=(
            "Sensors installed in the bays of park-and-ride car parks showed free spaces in an "
            "app and on a display board. The experiment was discontinued because the sensors "
            "did not work under snow and ice and the free-space information was often wrong."
        ),
        owner_name="Liikennesuunnittelu / Traffic planning",
        partners=("Parkkisensori Oy",),
        service_area="transport",
        start_offset_days=-540,
        end_offset_days=-370,
        status="discontinued",
        outcome=Outcome(
            mean_rating=2.1,
            would_use=(0.15, 0.3, 0.55),
            fits_work=(0.1, 0.3, 0.6),
            roles={"resident": 0.6, "customer": 0.2, "employee": 0.15, "partner": 0.05},
            languages={"fi": 0.7, "sv": 0.12, "en": 0.18},
            volume=75,
        ),
    ),
    ExperimentMaterial(
        slug="health-kiosk",
        title_fi="Terveyskioski kauppakeskuksessa",
        title_sv="Hälsokiosk i köpcentret",
        title_en="Health kiosk in the shopping centre",
        description_fi=(
            "Kauppakeskukseen sijoitetussa kioskissa asukkaat saattoivat mitata itse "
            "verenpaineensa, painonsa ja happisaturaationsa ja lähettää tulokset "
            "terveysasemalle. Kokeilu lopetettiin ennenaikaisesti, koska kioskia käytettiin "
            "vähän, mittalaitteet olivat usein epäkunnossa eivätkä tulokset siirtyneet "
            "potilastietojärjestelmään."
        ),
        description_sv=(
            "I en kiosk i köpcentret kunde invånarna själva mäta blodtryck, vikt och "
            "syremättnad och skicka resultaten till hälsostationen. Försöket avbröts i förtid "
            "eftersom kiosken användes lite, mätarna ofta var ur funktion och resultaten inte "
            "kom in i patientdatasystemet."
        ),
        description_en=(
            "In a kiosk in the shopping centre residents could measure their own blood "
            "pressure, weight and oxygen saturation and send the results to the health centre. "
            "The experiment was stopped early because the kiosk was little used, the measuring "
            "devices were often out of order and the results never reached the patient record "
            "system."
        ),
        owner_name="Terveysasemat / Health centres",
        partners=("Mittari Health Oy", "Kauppakeskus Ydin"),
        service_area="health",
        start_offset_days=-420,
        end_offset_days=-290,
        status="discontinued",
        outcome=Outcome(
            mean_rating=2.2,
            would_use=(0.15, 0.3, 0.55),
            fits_work=(0.1, 0.35, 0.55),
            roles={"resident": 0.6, "customer": 0.15, "employee": 0.2, "partner": 0.05},
            languages={"fi": 0.64, "sv": 0.16, "en": 0.2},
            volume=55,
        ),
    ),
    # --- proposed ----------------------------------------------------------------------
    ExperimentMaterial(
        slug="school-lunch-waste",
        title_fi="Ruokahävikin seuranta koulujen ruokaloissa",
        title_sv="Uppföljning av matsvinnet i skolornas matsalar",
        title_en="Tracking food waste in school canteens",
        description_fi=(
            "Koulujen ruokaloihin tuotaisiin vaaka ja kamera, jotka mittaavat lautasille "
            "jäävän ruoan määrän ja näyttävät tuloksen oppilaille näytöllä. Ehdotuksen "
            "tavoitteena on vähentää ruokahävikkiä ja opettaa oppilaita ottamaan sopivan "
            "kokoisia annoksia."
        ),
        description_sv=(
            "Skolornas matsalar skulle få en våg och en kamera som mäter hur mycket mat som "
            "blir kvar på tallrikarna och visar resultatet för eleverna på en skärm. Förslaget "
            "syftar till att minska matsvinnet och lära eleverna att ta lagom stora portioner."
        ),
        description_en=(
            "School canteens would get scales and a camera that measure how much food is left "
            "on plates and show the result to pupils on a screen. The proposal aims to reduce "
            "food waste and teach pupils to take portions of the right size."
        ),
        owner_name="Ruokapalvelut / Catering services",
        partners=("Hävikkimittari Oy", "Ympäristöyhdistys Kestävä ry"),
        service_area="school",
        start_offset_days=45,
        end_offset_days=225,
        status="proposed",
    ),
    ExperimentMaterial(
        slug="ar-museum-guide",
        title_fi="Lisätyn todellisuuden opastus kaupunginmuseossa",
        title_sv="Guidning med förstärkt verklighet i stadsmuseet",
        title_en="Augmented reality guide at the city museum",
        description_fi=(
            "Museokävijä näkisi puhelimen kameran kautta, miltä kaupunginosa näytti sata "
            "vuotta sitten, ja kuulisi kertomukset kolmella kielellä. Ehdotus on arvioitavana, "
            "ja kumppaniksi on tarjoutunut peliyritys yhdessä ammattikorkeakoulun kanssa."
        ),
        description_sv=(
            "Museibesökaren skulle genom mobilkameran se hur stadsdelen såg ut för hundra år "
            "sedan och höra berättelserna på tre språk. Förslaget bedöms som bäst, och ett "
            "spelföretag har tillsammans med en yrkeshögskola erbjudit sig som partner."
        ),
        description_en=(
            "Museum visitors would see through their phone camera what the district looked "
            "like a hundred years ago and hear the stories in three languages. The proposal is "
            "being assessed, and a games company has offered to take part together with a "
            "university of applied sciences."
        ),
        owner_name="Kulttuuripalvelut / Cultural services",
        partners=("Pelipaja Oy", "Metropolia Ammattikorkeakoulu"),
        service_area="culture_sports",
        start_offset_days=90,
        end_offset_days=330,
        status="proposed",
    ),
    # --- declined ----------------------------------------------------------------------
    ExperimentMaterial(
        slug="face-recognition-pool-entry",
        title_fi="Kasvojentunnistus uimahallin sisäänkäynnissä",
        title_sv="Ansiktsigenkänning vid simhallens ingång",
        title_en="Face recognition at the swimming hall entrance",
        description_fi=(
            "Ehdotuksen mukaan kausikortin haltijat olisivat päässeet uimahalliin "
            "kasvojentunnistuksella ilman korttia. Ehdotus hylättiin, koska biometristen "
            "tietojen käsittely olisi ollut suhteeton keino pelkän sisäänpääsyn "
            "nopeuttamiseen."
        ),
        description_sv=(
            "Enligt förslaget skulle innehavare av säsongskort ha kommit in i simhallen med "
            "ansiktsigenkänning utan kort. Förslaget avslogs eftersom behandling av biometriska "
            "uppgifter hade varit ett oproportionerligt sätt att bara göra inpasseringen "
            "snabbare."
        ),
        description_en=(
            "Under the proposal, season ticket holders would have entered the swimming hall by "
            "face recognition without a card. The proposal was declined because processing "
            "biometric data would have been a disproportionate means merely to speed up entry."
        ),
        owner_name="Liikuntapalvelut / Sports services",
        partners=("Kasvotunnus Oy",),
        service_area="culture_sports",
        start_offset_days=-240,
        end_offset_days=-60,
        status="declined",
    ),
    ExperimentMaterial(
        slug="robot-snow-plough",
        title_fi="Itseohjautuva lumiaura kevyen liikenteen väylille",
        title_sv="Självkörande snöplog för gång- och cykelvägar",
        title_en="Self-driving snow plough for pedestrian and cycle paths",
        description_fi=(
            "Ehdotuksen mukaan pieni itseohjautuva aura olisi pitänyt kevyen liikenteen "
            "väylät auki öisin. Ehdotus hylättiin, koska laite ei vielä selvinnyt märästä "
            "lumesta eikä vastuuta jalankulkijoiden turvallisuudesta saatu ratkaistua."
        ),
        description_sv=(
            "Enligt förslaget skulle en liten självkörande plog ha hållit gång- och "
            "cykelvägarna öppna nattetid. Förslaget avslogs eftersom maskinen ännu inte klarade "
            "blöt snö och ansvaret för fotgängarnas säkerhet inte gick att lösa."
        ),
        description_en=(
            "Under the proposal, a small self-driving plough would have kept pedestrian and "
            "cycle paths clear at night. The proposal was declined because the machine could "
            "not yet cope with wet snow and responsibility for pedestrian safety could not be "
            "resolved."
        ),
        owner_name="Kaupunkitekniikka, kunnossapito / Urban engineering, maintenance",
        partners=("Autonomia Robotics Oy", "Aalto-yliopisto"),
        service_area="transport",
        start_offset_days=-150,
        end_offset_days=30,
        status="declined",
    ),
)

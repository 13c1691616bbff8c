"""Feedback snippets for the transport, environment and sports experiments."""

from __future__ import annotations

from feedback_api.demo.records import Snippet, snippets

ON_DEMAND_MINIBUS = snippets(
    fi=[
        (
            "r + availability_access",
            "Vihdoin pääsee asemalle myös sunnuntaina! Ennen bussi kulki kerran tunnissa ja "
            "viikonloppuna ei ollenkaan.",
        ),
        (
            "r + ease_of_use",
            "Tilaus sovelluksella on helppo ja näen kartalta missä auto on tulossa.",
        ),
        (
            "r - speed_waiting",
            "Odotin kyytiä 35 minuuttia vaikka sovellus lupasi 10 min. Myöhästyin junasta.",
        ),
        (
            "r - availability_access",
            "Aamuruuhkassa kaikki kyydit on varattu, en saanut kyytiä kolmena aamuna peräkkäin.",
        ),
        (
            "r 0 cost",
            "Hinta on sama kuin bussilipulla ja se on hyvä, mutta kausilippu ei käy ja se on "
            "outoa.",
        ),
        (
            "r + accessibility",
            "Kuljettaja auttoi rollaattorin kanssa ja auto tuli ihan oven eteen. Tosi hyvä "
            "palvelu ikäihmiselle.",
        ),
        (
            "r - accessibility availability_access",
            "Puhelintilaus on auki vain virka-aikaan. Äitini ei käytä älypuhelinta eikä saa "
            "iltaisin kyytiä.",
        ),
        ("r 0", "ihan jees mut kiertää aika paljon muiden kyytien takia"),
        ("r - reliability", "Sovellus kaatui kesken tilauksen kahdesti ja tilaus katosi."),
        (
            "c + usefulness",
            "Käytän joka päivä terveysasemalle ja kauppaan. Ilman tätä tarvitsisin taksin.",
        ),
        (
            "r 0 information_guidance",
            "En tiennyt koko palvelusta ennen kuin naapuri kertoi. Mainostakaa enemmän!",
        ),
        ("r + speed_waiting", "Nopeampi kuin vanha bussi, pääsen asemalle 8 minuutissa ovelta."),
        (
            "r - ease_of_use",
            "Pysäkkien nimet sovelluksessa ei vastaa mitään mitä tunnen, en tiennyt mihin mennä "
            "odottamaan",
        ),
        (
            "r 0 ideas_suggestions",
            "Voisiko kyydin tilata jo edellisenä iltana? Aamulla ei ehdi säätää.",
        ),
        (
            "e + usefulness",
            "Liikennesuunnittelijana näen ensimmäistä kertaa matkojen todelliset lähtö- ja "
            "määräpaikat, mikä auttaa linjaston suunnittelussa.",
        ),
        (
            "e 0 cost",
            "Matkakohtainen hinta on vielä korkea, kolminkertainen tavalliseen bussiin "
            "verrattuna. Käyttäjämäärän pitää kasvaa.",
        ),
        (
            "e - staff_workload",
            "Asiakaspalveluun tulee paljon valituksia myöhästyneistä kyydeistä, eikä meillä ole "
            "suoraa yhteyttä operaattoriin.",
        ),
        (
            "e + cooperation",
            "Operaattori toimittaa viikkoraportit ajallaan ja muutoksiin on reagoitu nopeasti.",
        ),
        (
            "p + cooperation",
            "Kaupungin kanssa on sovittu selkeät mittarit ja yhteiset palaverit joka toinen "
            "viikko. Toimii.",
        ),
        (
            "p - cost",
            "Kuljettajia on vaikea saada iltavuoroihin, eikä hinnoittelu kata kuluja nykyisellä "
            "kysynnällä.",
        ),
        ("r +", "Paras asia joka meidän alueelle on tapahtunut vuosiin"),
        (
            "r - information_guidance",
            "Kun kyyti peruttiin, tieto tuli vain sovellukseen. Seisoin pakkasessa ja odotin "
            "turhaan.",
        ),
        (
            "r + ideas_suggestions",
            "Toimii hyvin! Osallistun mielelläni käyttäjäpaneeliin, numeroni on 050 321 9876.",
        ),
        (
            "c - speed_waiting",
            "Auto kiertää kolmen muun kyydin kautta ja matka kestää yhtä kauan kuin kävellen.",
        ),
    ],
    sv=[
        ("r + availability_access", "Äntligen kommer man till stationen även på söndagar!"),
        ("r - speed_waiting", "Jag väntade i 30 minuter fast appen lovade tio. Missade tåget."),
        ("r + accessibility", "Chauffören hjälpte mig med rollatorn, mycket bra service."),
        ("r 0 cost", "Priset är ok men varför gäller inte säsongskortet?"),
        ("r - availability_access", "På morgnarna är alla turer fullbokade."),
        (
            "r 0 accessibility",
            "Appen finns inte på svenska. Jag klarar mig, men det gör inte min granne.",
        ),
        (
            "e + usefulness",
            "Vi får för första gången exakta uppgifter om var resorna börjar och slutar.",
        ),
        ("e - cost", "Kostnaden per resa är fortfarande hög jämfört med en vanlig buss."),
        (
            "p + cooperation",
            "Samarbetet med staden fungerar bra, vi har gemensamma mål och möten varannan vecka.",
        ),
    ],
    en=[
        (
            "r + availability_access",
            "Finally a way to get to the station on weekends without a car.",
        ),
        (
            "r - speed_waiting",
            "Waited 40 minutes in the rain. The app kept saying 'arriving soon'.",
        ),
        ("r + ease_of_use", "Super easy app, booked in 20 seconds."),
        (
            "r - availability_access",
            "Impossible to get a ride in the morning rush, everything is fully booked by 7.",
        ),
        ("r 0", "decent but the route takes detours for other passengers"),
        (
            "r 0 ideas_suggestions",
            "It would be great to be able to book the night before for early trains.",
        ),
        ("c + usefulness", "I use it every day to get to work. Please keep it running!"),
        ("e 0 cost", "Per-trip cost is still high; ridership has to grow before this makes sense."),
        (
            "r - information_guidance",
            "Cancellations only show in the app, no text message. I waited for nothing.",
        ),
    ],
)

# Discontinued: the sensors failed under snow and ice and the free-space data was wrong.
PARK_AND_RIDE_SENSORS = snippets(
    fi=[
        (
            "r - reliability",
            "Sovellus näytti 12 vapaata paikkaa ja alue oli täynnä. Myöhästyin junasta kun "
            "kiersin parkkipaikkaa.",
        ),
        (
            "r - reliability",
            "Lumen tultua anturit eivät toimineet ollenkaan, taulu näytti koko talven samaa lukua.",
        ),
        (
            "r - usefulness reliability",
            "En luota tauluun enää yhtään, katson itse onko tilaa. Turha laite.",
        ),
        ("r 0 reliability", "Syksyllä toimi ihan hyvin, talvella ei sitten ollenkaan."),
        ("r + usefulness", "Idea on hyvä, lokakuussa tiesin jo kotoa lähtiessä onko tilaa."),
        (
            "r - information_guidance reliability",
            "Taulu näytti VAPAA vaikka paikka oli täynnä, ja sovellus sanoi eri asiaa kuin taulu.",
        ),
        ("r - cost", "Rahat hukkaan. Lisää paikkoja olisi auttanut enemmän kuin anturit"),
        (
            "r 0 ideas_suggestions",
            "Kameroilla laskettu käyttöaste olisi ehkä toiminut paremmin kuin maahan upotetut "
            "anturit.",
        ),
        (
            "c - speed_waiting reliability",
            "Aamulla kierrän paikkaa etsimässä 10 min koska sovellus valehtelee",
        ),
        (
            "r - reliability",
            "anturi ei tunnista isoja autoja ollenkaan, meidän pakettiauto näkyi aina vapaana "
            "ruutuna",
        ),
        (
            "r 0 privacy_trust",
            "Tallentavatko anturit rekisterinumeroita? Siitä ei kerrottu missään.",
        ),
        ("c + ease_of_use", "Sovellus oli selkeä silloin kun tieto piti paikkansa."),
        (
            "r - reliability",
            "Nyt taas sovellus sanoo että alue on tyhjä, kello on 8 ja kaikki paikat on täynnä. "
            "Anturit ei toimi.",
        ),
        (
            "e - reliability",
            "Anturit lakkasivat lähettämästä tietoa heti ensimmäisten pakkasten jälkeen, ja "
            "kolmannes oli rikki jo joulukuussa.",
        ),
        (
            "e - staff_workload reliability",
            "Aurauskalusto rikkoi antureita, ja niiden kartoittaminen ja vaihtaminen työllisti "
            "meitä viikoittain.",
        ),
        (
            "e - cost",
            "Huoltokustannukset olisivat nousseet moninkertaisiksi alkuperäiseen arvioon "
            "verrattuna, joten kokeilu lopetettiin.",
        ),
        (
            "e 0 usefulness",
            "Opimme paljon: käyttöastetieto on arvokasta, mutta tekniikan pitää kestää talvi. "
            "Seuraavaksi kannattaa kokeilla kameroita.",
        ),
        (
            "e - reliability",
            "Taulun ja sovelluksen tiedot poikkesivat toisistaan jopa 30 paikalla.",
        ),
        (
            "p 0 cooperation",
            "Kaupungin kanssa sovittiin kokeilun keskeyttämisestä hyvässä hengessä. "
            "Talviolosuhteet osoittautuivat laitteille liian vaativiksi.",
        ),
        (
            "p - reliability",
            "Anturimalliamme ei ollut suunniteltu kestämään aurausta ja tiesuolaa, mikä olisi "
            "pitänyt testata ennen asennusta.",
        ),
        ("r -", "Ei toimi. Poistakaa koko taulu ettei se harhauta."),
        ("r 0", "Käytin alussa mutta sitten unohdin koko sovelluksen"),
    ],
    sv=[
        (
            "r - reliability",
            "Appen visade lediga platser men parkeringen var full. Jag missade tåget.",
        ),
        ("r - reliability", "När snön kom slutade givarna fungera helt."),
        ("r 0 reliability", "På hösten fungerade det bra, på vintern inte alls."),
        ("r - usefulness", "Jag litar inte längre på skylten, jag kollar själv."),
        (
            "e - staff_workload reliability",
            "Snöplogarna förstörde givare och vi måste byta ut dem varje vecka.",
        ),
        (
            "e 0 usefulness",
            "Uppgifterna om beläggningen är värdefulla, men tekniken måste klara vintern.",
        ),
        ("r + usefulness", "Bra idé, i oktober visste jag redan hemma om det fanns plats."),
        (
            "p 0 cooperation",
            "Vi kom överens med staden om att avbryta försöket, vinterförhållandena var för "
            "krävande.",
        ),
        ("c - information_guidance reliability", "Skylten och appen visade olika siffror."),
    ],
    en=[
        ("r - reliability", "App said 15 free spaces, car park was full. Missed my train."),
        (
            "r - reliability",
            "Sensors stopped working as soon as the snow came, the board showed the same number "
            "all winter.",
        ),
        ("r 0 reliability", "Worked fine in autumn, useless in winter."),
        ("r - usefulness", "I ignore the display completely now. Pointless."),
        (
            "e - cost",
            "Maintenance costs would have been several times the estimate, so stopping was the "
            "right call.",
        ),
        (
            "e 0 ideas_suggestions",
            "Camera-based counting might survive winter better than in-ground sensors.",
        ),
        ("r + ease_of_use", "The app itself was clear, when the data was right."),
        (
            "p - reliability",
            "Our sensor model wasn't designed for ploughing and road salt. Should have tested "
            "that first.",
        ),
        (
            "c - information_guidance reliability",
            "The board and the app showed different numbers, which one am I supposed to believe?",
        ),
    ],
)

SMART_WASTE_BINS = snippets(
    fi=[
        ("r +", "Puistossa ei enää näe ylitäysiä roskiksia viikonloppuisin, iso parannus!"),
        (
            "r - reliability",
            "Roskis oli taas täynnä ja ympärillä pizzalaatikoita, vaikka anturin piti hälyttää.",
        ),
        ("r 0", "En ole huomannut mitään eroa entiseen"),
        (
            "r + usefulness",
            "Grillipaikan roskikset tyhjennettiin kesällä useammin, juuri silloin kun niitä "
            "tarvittiin.",
        ),
        (
            "r - availability_access",
            "Roska-astioita on liian vähän, anturi ei auta jos astia on pieni.",
        ),
        (
            "r 0 ideas_suggestions",
            "Olisi kiva nähdä kartalta mitkä astiat ovat täynnä, voisi viedä roskat toiseen.",
        ),
        ("r - cost", "Rahan haaskausta, laittakaa mieluummin lisää roskiksia"),
        (
            "r + information_guidance",
            "Hyvä että astiassa oli tarra, joka kertoi kokeilusta. Ymmärsin mikä laatikko "
            "kannessa on.",
        ),
        ("r - privacy_trust", "Onko noissa antureissa kameroita? Kukaan ei ole kertonut."),
        (
            "e + staff_workload",
            "Tyhjennysreitit lyhenivät, kun puolityhjillä astioilla ei tarvitse käydä. Ajoa "
            "säästyi arviolta neljännes.",
        ),
        (
            "e + usefulness",
            "Näen aamulla tabletilta missä on täyttä, ja reitti suunnitellaan sen mukaan. Tosi "
            "kätevää.",
        ),
        (
            "e - reliability",
            "Anturit näyttivät väärin sateella ja pakkasella, ja jouduimme silti tarkistamaan "
            "astiat paikan päällä.",
        ),
        (
            "e 0 staff_workload",
            "Reittien suunnittelu vei alussa enemmän aikaa kuin ennen, mutta helpottui parissa "
            "viikossa.",
        ),
        (
            "e - reliability",
            "Monesta anturista loppui akku jo kesken kokeilun, eikä vaihdosta ollut sovittu.",
        ),
        (
            "e 0 ideas_suggestions",
            "Anturit kannattaisi laittaa vain vilkkaimpiin puistoihin, hiljaisissa niistä ei "
            "ollut hyötyä.",
        ),
        ("e + cost", "Koko kesän ajalta säästyi polttoainetta ja työtunteja."),
        (
            "p + cooperation",
            "Yhteistyö puistohuollon kanssa oli mutkatonta, ja saimme tarkkaa tietoa tyhjennysten "
            "ajoituksesta.",
        ),
        (
            "p 0 cooperation",
            "Anturien huoltovastuu olisi pitänyt sopia sopimuksessa tarkemmin, nyt se jäi "
            "harmaalle alueelle.",
        ),
        (
            "p - cost",
            "Kokeilu oli liian pieni, jotta kustannussäästöt olisi voitu osoittaa luotettavasti.",
        ),
        ("r +", "Siisteys parani huomattavasti rannan lähellä"),
        ("r 0", "Ihan hyvä idea, vaikea sanoa toimiko"),
        (
            "r - reliability",
            "Kansi ei mennyt kunnolla kiinni anturin takia ja varikset levittivät roskat.",
        ),
    ],
    sv=[
        ("r +", "Inga överfulla papperskorgar i parken på helgerna längre, bra!"),
        ("r - reliability", "Korgen var full igen fast givaren skulle larma."),
        ("r 0", "Jag märkte ingen skillnad."),
        (
            "e + staff_workload",
            "Rutterna blev kortare eftersom vi inte behövde tömma halvtomma kärl.",
        ),
        (
            "e - reliability",
            "Givarna visade fel i regn och kyla, så vi måste ändå kontrollera på plats.",
        ),
        ("e 0 ideas_suggestions", "Givare lönar sig bara i de mest besökta parkerna."),
        ("p + cooperation", "Samarbetet med parkskötseln var smidigt."),
        ("r 0 ideas_suggestions", "En karta över fulla kärl vore bra för oss som rastar hunden."),
        ("r - cost", "Slöseri med pengar, sätt hellre upp fler papperskorgar"),
    ],
    en=[
        ("r +", "The beach park was noticeably cleaner this summer."),
        ("r - reliability", "Bin was overflowing again on Sunday, so much for the smart sensor"),
        ("r 0", "Didn't notice any difference honestly"),
        (
            "e + staff_workload",
            "Shorter routes, less driving to half-empty bins. Saved us a lot of time in summer.",
        ),
        (
            "e - reliability",
            "Sensors gave wrong readings in rain and frost, we had to check the bins anyway.",
        ),
        (
            "p 0 cooperation",
            "Maintenance responsibility for the sensors should have been agreed in the contract.",
        ),
        (
            "r 0 ideas_suggestions",
            "A small sticker saying the bin is monitored might stop people leaving bags next to "
            "it.",
        ),
        ("p + cooperation", "Great cooperation with the parks team, quick to share data."),
        (
            "e 0 staff_workload",
            "Planning took longer at first but got easier after a couple of weeks.",
        ),
    ],
)

KEYLESS_SPORTS_HALLS = snippets(
    fi=[
        (
            "c + ease_of_use",
            "Ei enää avaimen hakemista virastosta! Ovi aukeaa puhelimella ja peli alkaa ajallaan.",
        ),
        (
            "c + usefulness",
            "Seuran valmentajana säästän kaksi reissua viikossa, kun avainta ei tarvitse noutaa "
            "ja palauttaa.",
        ),
        (
            "c - reliability",
            "Ovi ei auennut ja 20 junnua seisoi pakkasessa puoli tuntia. Päivystysnumeroon ei "
            "vastattu.",
        ),
        ("c - speed_waiting", "Kertakoodi tuli tekstiviestinä vasta vartin päästä vuoron alusta."),
        ("c 0 reliability", "toimi yleensä, pari kertaa piti yrittää monta kertaa"),
        ("c + speed_waiting", "Nopea ja helppo, vuoro alkaa just silloin kun pitää"),
        (
            "r 0 privacy_trust",
            "Sovellus pyysi sijaintitietoja koko ajan, miksi? Oven avaamiseen ei pitäisi tarvita "
            "sitä.",
        ),
        (
            "c - availability_access",
            "Sovellus toimii vain varaajan puhelimessa. Jos hän on kipeänä, muut eivät pääse "
            "sisään.",
        ),
        ("c +", "Loistava uudistus, toivottavasti jää pysyväksi"),
        (
            "r 0 information_guidance accessibility",
            "Ohjeet olivat ovessa vain suomeksi, ulkomaalaiset pelaajat eivät ymmärtäneet mitä "
            "tehdä.",
        ),
        ("c - reliability", "Puhelimesta loppui akku ja jäätiin ulos, varakeinoa ei ollut"),
        ("c 0 ideas_suggestions", "Olisi hyvä jos koodin voisi jakaa joukkueen muille jäsenille."),
        (
            "e + staff_workload",
            "Avainten luovutukset ja kadonneiden avainten selvittely jäivät pois, ja niihin meni "
            "ennen monta tuntia viikossa.",
        ),
        (
            "e - staff_workload",
            "Iltaisin tulee puheluita, kun ovi ei aukea, ja minun pitää hoitaa ne vapaa-ajallani.",
        ),
        (
            "e 0 information_guidance",
            "Kulunvalvonnan lokista näkee, milloin salissa on käyty, mutta tietoa ei saa "
            "siirrettyä varausjärjestelmään.",
        ),
        (
            "e + usefulness",
            "Näemme, mitkä vuorot jäävät käyttämättä, ja voimme jakaa ne uudelleen.",
        ),
        (
            "e - reliability",
            "Koulujen ovien sähkölukot olivat vanhoja, eikä osa kestänyt jatkuvaa avaamista.",
        ),
        (
            "p + cooperation",
            "Työskentely liikuntapalvelujen kanssa oli sujuvaa, ja koulujen talonmiehet auttoivat "
            "asennuksissa.",
        ),
        (
            "p 0 cooperation",
            "Koulujen erilaiset lukkojärjestelmät tekivät yhteensopivuudesta vaikeaa, eikä "
            "yhteistä linjausta ollut.",
        ),
        (
            "c + availability_access",
            "Hyvä ettei avainta tarvitse enää hakea keskustasta, meille autottomille se oli iso "
            "vaiva.",
        ),
        ("c 0", "Ihan hyvä, mutta ei mitään ihmeellistä"),
        (
            "c - information_guidance",
            "Kukaan ei kertonut että vanhat avaimet lakkaa toimimasta, saatiin tietää ovella.",
        ),
        ("c +", "kätevä! ei oo tarvinnu miettiä avaimia koko syksynä"),
    ],
    sv=[
        ("c + ease_of_use", "Dörren öppnas med mobilen, inget mer nyckelhämtande. Toppen!"),
        ("c - reliability", "Dörren öppnades inte och hela laget stod ute i kylan i en halvtimme."),
        ("c 0 reliability", "Fungerade oftast, men ibland fick man försöka flera gånger."),
        (
            "c - availability_access",
            "Bara den som bokat kan öppna dörren, det är ett problem om hen är sjuk.",
        ),
        ("c + usefulness", "Som tränare sparar jag två resor i veckan."),
        (
            "r - information_guidance accessibility",
            "Instruktionerna vid dörren fanns bara på finska.",
        ),
        ("e + staff_workload", "Vi slipper lämna ut nycklar och leta efter borttappade nycklar."),
        ("e - staff_workload", "Jag får samtal på kvällarna när dörren inte går upp."),
        ("p 0 cooperation", "Skolornas olika låssystem gjorde integrationen svår."),
    ],
    en=[
        (
            "c + ease_of_use",
            "Opening the gym door with my phone is so much better than picking up keys.",
        ),
        (
            "c - reliability",
            "Door didn't open, 15 kids waiting outside in the dark. Nobody answered the support "
            "line.",
        ),
        ("c 0 reliability", "Mostly worked. A few times it took several tries."),
        (
            "r - information_guidance accessibility",
            "Instructions on the door were only in Finnish, half our team couldn't read them.",
        ),
        ("c 0 ideas_suggestions", "Let the booker share the code with teammates, please."),
        (
            "c - privacy_trust",
            "Why does the app need my location all the time just to open a door?",
        ),
        (
            "e + staff_workload",
            "No more handing out keys or chasing lost ones, that used to take hours each week.",
        ),
        (
            "p + cooperation",
            "Working with the sports services team was straightforward and the school caretakers "
            "were very helpful.",
        ),
        ("c +", "Great change, hope it stays!"),
    ],
)

BY_SLUG: dict[str, tuple[Snippet, ...]] = {
    "on-demand-minibus": ON_DEMAND_MINIBUS,
    "park-and-ride-sensors": PARK_AND_RIDE_SENSORS,
    "smart-waste-bins": SMART_WASTE_BINS,
    "keyless-sports-halls": KEYLESS_SPORTS_HALLS,
}

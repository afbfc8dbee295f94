"""The demo organisation: a fictional private hospital, its people and what was said.

Invented names and texts, written for the demo; any likeness is accidental.
"""

from __future__ import annotations

ORGANISATION = "Privathospitalet Fjordklinikken"

# (key, name, title, unit, layer, manager key)
PEOPLE: tuple[tuple[str, str, str, str, str, str | None], ...] = (
    ("henrik", "Henrik Lund", "Administrerende direktør", "Direktionen", "lead_business", None),
    ("camilla", "Camilla Sørensen", "Klinisk direktør", "Direktionen", "lead_function", "henrik"),
    ("peter", "Peter Vestergaard", "Økonomichef", "Økonomi", "lead_function", "henrik"),
    ("lise", "Lise Kjær", "HR-chef", "HR", "lead_function", "henrik"),
    ("mette", "Mette Holm", "Centerchef", "Ortopædkirurgi", "lead_leaders", "camilla"),
    ("thomas", "Thomas Bach", "Centerchef", "Anæstesi og operation", "lead_leaders", "camilla"),
    ("anna", "Anna Berg", "Afdelingssygeplejerske", "Sengeafsnit O2", "lead_others", "mette"),
    ("jakob", "Jakob Nørgaard", "Ledende overlæge", "Ortopædkirurgi", "lead_others", "mette"),
    ("sofie", "Sofie Damgaard", "Afdelingsleder", "Operationsgangen", "lead_others", "thomas"),
    ("rasmus", "Rasmus Holt", "Teamleder", "Økonomi", "lead_others", "peter"),
    ("karina", "Karina Lauridsen", "Teamleder", "HR", "lead_others", "lise"),
    ("jonas", "Jonas Friis", "Sygeplejerske", "Sengeafsnit O2", "lead_self", "anna"),
    ("maria", "Maria Østergaard", "Sygeplejerske", "Sengeafsnit O2", "lead_self", "anna"),
    (
        "ahmed",
        "Ahmed Rahimi",
        "Social- og sundhedsassistent",
        "Sengeafsnit O2",
        "lead_self",
        "anna",
    ),
    ("birgitte", "Birgitte Mølgaard", "Klinisk vejleder", "Sengeafsnit O2", "lead_self", "anna"),
    ("nanna", "Nanna Juhl", "Sygeplejerske", "Sengeafsnit O2", "lead_self", "anna"),
    ("kasper", "Kasper Winther", "Overlæge", "Ortopædkirurgi", "lead_self", "jakob"),
    ("eva", "Eva Thomsen", "Afdelingslæge", "Ortopædkirurgi", "lead_self", "jakob"),
    ("lars", "Lars Kristiansen", "Lægesekretær", "Ortopædkirurgi", "lead_self", "jakob"),
    ("ida", "Ida Poulsen", "Operationssygeplejerske", "Operationsgangen", "lead_self", "sofie"),
    ("morten", "Morten Skov", "Anæstesisygeplejerske", "Operationsgangen", "lead_self", "sofie"),
    (
        "julie",
        "Julie Andersen",
        "Operationssygeplejerske",
        "Operationsgangen",
        "lead_self",
        "sofie",
    ),
    ("frederik", "Frederik Dahl", "Serviceassistent", "Operationsgangen", "lead_self", "sofie"),
    ("hanne", "Hanne Bertelsen", "Controller", "Økonomi", "lead_self", "rasmus"),
    ("oliver", "Oliver Mikkelsen", "Bogholder", "Økonomi", "lead_self", "rasmus"),
    ("signe", "Signe Rasmussen", "HR-partner", "HR", "lead_self", "karina"),
    ("emil", "Emil Jeppesen", "Lønkonsulent", "HR", "lead_self", "karina"),
    ("louise", "Louise Brandt", "Rekrutteringskonsulent", "HR", "lead_self", "karina"),
)

# Whom a text below was written for: the layer group of the person whose conversation it is
# in (an employee, a first-line leader, a leader of leaders or above) and, where it matters,
# their kind of work: care in a clinical unit, or administration (a staff function, a
# secretary). A nurse's plan does not give her the waiting lists to plan with the chief
# physicians, nor does the CEO's try out a template for nursing notes.
STAFF = "staff"
FIRST_LINE = "first_line"
SENIOR = "senior"
TEXT_GROUPS = {"lead_self": STAFF, "lead_others": FIRST_LINE}  # every layer above: SENIOR
CLINICAL = "clinical"
OFFICE = "office"
OFFICE_UNITS = ("Økonomi", "HR", "IT")
OFFICE_TITLES = ("Lægesekretær",)


def text_group(layer: str) -> str:
    """The group of layers the demo's texts for a person of `layer` were written for."""
    return TEXT_GROUPS.get(layer, SENIOR)


def work_of(title: str, unit: str) -> str:
    """Whether a person's work is clinical or administrative, by their unit and title."""
    return OFFICE if unit in OFFICE_UNITS or title in OFFICE_TITLES else CLINICAL


# What was said on a card of each theme, by layer group: (notes, agreements). The demo draws
# one of a theme's texts at random (and the next one for a second card of the theme), so
# every group has the same themes with as many texts each: which conversation gets which
# goals and signatures is the same whoever the texts were written for. The succession theme
# has none: the senior deck's card on the next generation of leaders is left unplayed.
CARD_TEXTS: dict[str, dict[str, tuple[tuple[str, str], ...]]] = {
    STAFF: {
        "wellbeing": (
            (
                "Trives med kollegerne og den faglige sparring, men mærker presset i de uger, "
                "hvor der er mange akutte indlæggelser.",
                "Vi tager en kort snak om arbejdsbelastningen på hver anden 1:1 frem til "
                "sommerferien.",
            ),
            (
                "Glæden ved arbejdet ligger især i patientkontakten; dokumentationen opleves som "
                "tung.",
                "Du noterer i tre uger, hvad der skrives to steder, og tager listen med til "
                "personalemødet i april.",
            ),
        ),
        "tasks_results": (
            (
                "Har været tovholder på den nye tjekliste til overleveringen, som er taget godt "
                "imod af teamet.",
                "Du fortsætter som tovholder og fortæller om erfaringerne på personalemødet i "
                "marts.",
            ),
            (
                "Bliver ofte afbrudt på travle vagter og er i tvivl om, hvad der skal gå forud, "
                "når alt haster.",
                "Du aftaler prioriteringen med den ansvarshavende ved vagtens start frem til "
                "juni; vi følger op på 1:1.",
            ),
        ),
        "competences": (
            (
                "Vil gerne blive skarpere på hygiejne og forebyggelse af infektioner efter "
                "operation.",
                "Du tager hospitalets kursus i hygiejne i efteråret og gennemgår det vigtigste "
                "på et personalemøde.",
            ),
            (
                "Er blevet tryg i de daglige opgaver og vil gerne kunne tage de sværere forløb "
                "på egen hånd.",
                "Du følger en erfaren kollega på fire vagter inden 1. maj og tager derefter selv "
                "de sværere forløb.",
            ),
        ),
        "collaboration": (
            (
                "Overleveringen mellem vagterne er blevet bedre, men der går stadig tid tabt, "
                "når oplysninger mangler.",
                "Du afprøver den faste rækkefølge for overleveringen i to måneder og samler "
                "erfaringerne til maj.",
            ),
            (
                "Tager godt imod nye kolleger, men introduktionen afhænger for meget af, hvem "
                "der er på vagt.",
                "Du bliver fast kontaktperson for de nye kolleger, der starter i foråret; vi "
                "evaluerer i juni.",
            ),
        ),
        "feedback": (
            (
                "Ønsker mere direkte feedback i hverdagen – ikke kun én gang om året.",
                "Lederen giver kort feedback efter vagter, I har haft sammen; vi evaluerer efter "
                "tre måneder.",
            ),
            (
                "Oplever, at beslutninger fra ledelsen kommer sent ud til afsnittet.",
                "Lederen orienterer om beslutninger fra ledermødet på tavlemødet dagen efter.",
            ),
        ),
        "balance": (
            (
                "Aftenvagterne fylder meget, og det er svært at få hverdagen til at hænge sammen "
                "med små børn.",
                "Vi ser på vagtplanen for næste kvartal med færre aftenvagter i træk.",
            ),
            (
                "Bliver ofte efter vagten for at gøre dokumentationen færdig; det går ud over "
                "fritiden.",
                "Du siger til den ansvarshavende en time før vagtens slut, hvis du ikke når det; "
                "vi følger op i marts.",
            ),
        ),
        "future": (
            (
                "Kunne på sigt tænke sig at arbejde mere med oplæring af nye kolleger og "
                "studerende.",
                "Du bliver medvejleder for de to nye studerende i foråret.",
            ),
            (
                "Har lyst til mere ansvar og vil gerne prøve kræfter med en koordinatorrolle.",
                "Du er koordinator på dagvagt to dage om ugen fra februar; vi følger op i maj.",
            ),
        ),
        "psych_safety": (
            (
                "Det er blevet lettere at sige fra på tavlemøderne, også for de nye kolleger.",
                "Vi fortsætter med at starte tavlemødet med, hvad der gik godt, og hvad der var "
                "svært.",
            ),
            (
                "Fejl bliver stadig af og til talt om i krogene i stedet for i fællesskab.",
                "Du melder de utilsigtede hændelser, du ser, og fortæller om én af dem på "
                "teammødet inden sommer.",
            ),
        ),
        "leadership_role": (
            (
                "Tager ansvar for afsnittet, når lederen ikke er der, men er usikker på rollen "
                "som ansvarshavende.",
                "Du er ansvarshavende på to dagvagter om måneden frem til sommer; vi taler om "
                "det efter hver gang.",
            ),
            (
                "Bliver ofte spurgt til råds af kollegerne og vil gerne bruge det mere bevidst.",
                "Du bliver afsnittets nøgleperson på ét fagligt område, som vi vælger sammen "
                "inden 1. marts.",
            ),
        ),
        "strategy": (
            (
                "Kender afsnittets mål for året, men kan ikke se, hvordan egne opgaver bidrager.",
                "Vi gennemgår afsnittets tre mål på næste 1:1, og du vælger ét, du bidrager "
                "særligt til.",
            ),
            (
                "Har idéer til at gøre patientforløbet enklere, men ved ikke, hvor de skal hen.",
                "Du præsenterer din idé på afsnittets forbedringsmøde i februar.",
            ),
        ),
        "change": (
            (
                "Omlægningen til flere sammedagsforløb har ændret mange af de faste rutiner.",
                "Du deltager i den opfølgende workshop efter sommerferien og tager teamets "
                "erfaringer med.",
            ),
            (
                "Den nye elektroniske patienttavle tager tid at lære, og nogle kolleger går "
                "uden om den.",
                "Du bliver superbruger på patienttavlen og hjælper kollegerne på dine vagter de "
                "første otte uger.",
            ),
        ),
    },
    FIRST_LINE: {
        "wellbeing": (
            (
                "Trives i lederrollen, men mærker presset i de uger, hvor der mangler folk, og "
                "driften fylder alt.",
                "Vi tager din egen arbejdsbelastning op på hver anden 1:1 frem til sommerferien.",
            ),
            (
                "Trivselsmålingen viser, at medarbejderne savner anerkendelse i de travle "
                "perioder.",
                "Du gennemgår trivselsmålingen med teamet i marts og aftaler to konkrete tiltag "
                "med dem.",
            ),
        ),
        "tasks_results": (
            (
                "Enheden nåede målet for patienttilfredshed, men ventetiden på operation er for "
                "lang.",
                "Du laver en plan for kortere ventetid med de andre ledere i centret og "
                "fremlægger den inden 1. marts.",
            ),
            (
                "Har fået den nye tjekliste til patientforløbene i drift, men har selv båret det "
                "meste af arbejdet.",
                "Du giver ansvaret for tjeklisten til en medarbejder inden 1. april og følger op "
                "med vedkommende i maj.",
            ),
        ),
        "competences": (
            (
                "Er fagligt stærk, men vil gerne blive bedre til at lade medarbejderne finde "
                "løsningen selv.",
                "Du deltager i modulet om coachende ledelse i foråret og bruger det i dine næste "
                "tre MUS.",
            ),
            (
                "Ikke alle i teamet har en udviklingsplan, de faktisk bruger.",
                "Du følger op på hver medarbejders udviklingsplan på et kort møde inden 1. juni.",
            ),
        ),
        "collaboration": (
            (
                "Overleveringerne til og fra de andre afsnit er blevet bedre, men der går stadig "
                "tid tabt om morgenen.",
                "Du aftaler et fast møde om morgenoverleveringen med de berørte afdelingsledere "
                "inden 1. marts.",
            ),
            (
                "Samarbejdet med de andre ledere i centret fungerer, men I konkurrerer om de "
                "samme vikartimer.",
                "Du foreslår en fælles plan for vikartimerne på centrets ledermøde i februar.",
            ),
        ),
        "feedback": (
            (
                "Ønsker mere sparring fra sin egen leder i hverdagen – ikke kun én gang om året.",
                "Vi holder en halv times sparring hver måned frem til sommerferien, og du "
                "bestemmer emnet.",
            ),
            (
                "Får sjældent direkte feedback fra teamet på sin ledelse.",
                "Du spørger teamet om din ledelse på et teammøde i marts og fortæller dem, hvad "
                "du gør med svarene.",
            ),
        ),
        "balance": (
            (
                "Arbejder ofte over for at blive færdig med mails; det går ud over restitutionen.",
                "Du lukker mailen kl. 17 og samler de sene spørgsmål til næste morgen; vi følger "
                "op i marts.",
            ),
            (
                "Sygefraværet i teamet er steget, og arbejdsmiljørepræsentanten efterlyser en "
                "plan.",
                "Du laver en plan for arbejdsmiljøet med arbejdsmiljørepræsentanten og "
                "fremlægger den i april.",
            ),
        ),
        "future": (
            (
                "Har lyst til på sigt at lede ledere, men vil først lykkes i den nuværende rolle.",
                "Du leder et projekt på tværs af flere enheder fra februar, og vi følger op i maj.",
            ),
            (
                "Har en medarbejder i teamet, der kunne blive en god leder en dag.",
                "Du giver medarbejderen ansvaret for et mindre projekt fra februar og sparrer "
                "med vedkommende hver måned.",
            ),
        ),
        "psych_safety": (
            (
                "Det er blevet lettere for medarbejderne at sige fra på tavlemøderne, også for "
                "de nye.",
                "Du fortsætter med at starte tavlemødet med, hvad der gik godt, og hvad der var "
                "svært.",
            ),
            (
                "Fejl bliver stadig af og til talt om i krogene i stedet for i fællesskab.",
                "Du gennemgår én utilsigtet hændelse om måneden med teamet med fokus på læring.",
            ),
        ),
        "leadership_role": (
            (
                "Bruger stadig meget tid på selv at løse opgaver i stedet for at uddelegere dem.",
                "Du udpeger to koordinatorer, der overtager vagtplanlægningen; vi følger op efter "
                "seks uger.",
            ),
            (
                "Har udskudt en svær samtale med en medarbejder om samarbejdet i teamet.",
                "Du tager samtalen inden udgangen af januar, og vi tager en kort sparring før og "
                "efter.",
            ),
        ),
        "strategy": (
            (
                "Strategien om flere ambulante forløb er forstået i ledergruppen, men ikke på "
                "gulvet.",
                "Du oversætter strategien til tre konkrete mål for dit team og præsenterer dem "
                "for teamet i februar.",
            ),
            (
                "Enheden bruger mange timer på vikarer, og budgettet for året er overskredet.",
                "Du laver en plan, der nedbringer vikarforbruget med en tredjedel, og følger op "
                "på den hver måned.",
            ),
        ),
        "change": (
            (
                "Omlægningen til flere sammedagsoperationer har krævet meget "
                "forventningsafstemning i teamet.",
                "Du holder en opfølgende workshop med teamet efter sommerferien om, hvad der "
                "virker.",
            ),
            (
                "Den nye elektroniske patienttavle skaber usikkerhed hos flere i teamet.",
                "Du udpeger to superbrugere og giver dem tid til at hjælpe kollegerne i de første "
                "otte uger.",
            ),
        ),
    },
    SENIOR: {
        "wellbeing": (
            (
                "Rollen er ensom, når de svære beslutninger skal træffes.",
                "Du finder en sparringspartner uden for hospitalet og mødes med vedkommende fire "
                "gange inden jul.",
            ),
            (
                "Kalenderen er fyldt med møder, og der er ingen tid til at tænke fremad.",
                "Du blokerer to timer hver fredag til fordybelse og analyse frem til sommerferien.",
            ),
        ),
        "tasks_results": (
            (
                "Området nåede de fleste af årets mål, men resultaterne hviler på få af lederne.",
                "Du fordeler ansvaret for årets tre vigtigste mål mellem dine ledere og følger op "
                "hvert kvartal.",
            ),
            (
                "Et af årets nøgletal er gået den forkerte vej, og ledergruppen så det for sent.",
                "Du indfører en månedlig gennemgang af de fem vigtigste nøgletal i din "
                "ledergruppe fra februar.",
            ),
        ),
        "competences": (
            (
                "Vil gerne kende de dele af hospitalet bedre, der ligger langt fra egen faglige "
                "baggrund.",
                "Du følger en kollega i en anden del af hospitalet i tre dage inden sommerferien.",
            ),
            (
                "Vil gerne blive bedre til at udvikle lederne i sit område.",
                "Du laver en udviklingsplan med hver af dine ledere og følger op på dem i "
                "september.",
            ),
        ),
        "collaboration": (
            (
                "Ledergruppen er god til drift, men de svære uenigheder bliver taget bagefter, "
                "ikke på møderne.",
                "Du sætter én strategisk uenighed på dagsordenen for hvert andet ledermøde frem "
                "til sommerferien.",
            ),
            (
                "Konkurrerer med kollegerne om de samme ressourcer og ser for sjældent helheden.",
                "Du aftaler en fælles prioritering af næste års investeringer med dine "
                "ledelseskolleger inden 1. oktober.",
            ),
        ),
        "feedback": (
            (
                "Får sjældent ærlig feedback fra sine egne ledere.",
                "Du beder dine ledere om feedback på din ledelse i en anonym runde inden "
                "sommerferien.",
            ),
            (
                "Beslutninger fra ledelsen når for sent ud i organisationen.",
                "Du sender et kort referat af ledermødets beslutninger til alle ledere i dit "
                "område dagen efter.",
            ),
        ),
        "balance": (
            (
                "Arbejder mange aftener og weekender, og det sender et signal til lederne.",
                "Du sender ikke mails efter kl. 18 og i weekenden; vi følger op i marts.",
            ),
            (
                "Eksterne møder og repræsentation fylder mere end planlagt.",
                "Du gennemgår kalenderen én gang om måneden og siger nej til de eksterne møder, "
                "andre kan tage.",
            ),
        ),
        "future": (
            (
                "Overvejer, hvad næste skridt kunne være om nogle år.",
                "Du deltager i et eksternt netværk for ledere på dit niveau fra foråret.",
            ),
            (
                "Har endnu ikke en klar efterfølger i sit område.",
                "Du udpeger to mulige efterfølgere og giver dem hver en opgave på tværs inden "
                "sommerferien.",
            ),
        ),
        "psych_safety": (
            (
                "Lederindekset viser, at dårlige nyheder når sent op i organisationen.",
                "Du spørger på hvert ledermøde, hvad der ikke går efter planen, og takker for "
                "svaret.",
            ),
            (
                "Kulturen er præget af travlhed, og lederne deler sjældent det, der er gået galt.",
                "Du begynder hvert ledermøde med én læring fra noget, der gik galt, og giver "
                "selv det første eksempel.",
            ),
        ),
        "leadership_role": (
            (
                "Bliver stadig trukket ind i enkeltsager, som lederne selv burde løse.",
                "Du sender enkeltsager tilbage til den ansvarlige leder med et spørgsmål i stedet "
                "for et svar.",
            ),
            (
                "Ved meget om driften, men mindre om, hvordan lederne lykkes med deres ledelse.",
                "Du holder en samtale om ledelse – ikke drift – med hver af dine ledere hvert "
                "kvartal.",
            ),
        ),
        "strategy": (
            (
                "Strategien om flere ambulante forløb er forstået i ledergruppen, men ikke længere "
                "nede.",
                "Du beder hver af dine ledere oversætte strategien til tre mål for deres enhed "
                "inden 1. marts.",
            ),
            (
                "Ejerne forventer vækst, men regionens aftaler gør næste års aktivitet usikker.",
                "Du udarbejder to scenarier for næste års aktivitet og fremlægger dem til "
                "budgetseminaret i september.",
            ),
        ),
        "change": (
            (
                "Sammenlægningen af to enheder har krævet meget forventningsafstemning mellem de "
                "berørte ledere.",
                "Du holder en opfølgende workshop med de berørte ledere efter sommerferien.",
            ),
            (
                "Omlægningen til flere ambulante forløb lander forskelligt i enhederne og når "
                "sent op i ledergruppen.",
                "Du besøger to enheder om måneden og tager det, du hører, med på næste ledermøde.",
            ),
        ),
    },
}

# In place of the texts above for administrative work (a staff function, a secretary): the
# same number for each theme. A theme not here reads the same for both kinds of work.
OFFICE_CARD_TEXTS: dict[str, dict[str, tuple[tuple[str, str], ...]]] = {
    STAFF: {
        "wellbeing": (
            (
                "Trives med kollegerne og den faglige sparring, men mærker presset, når "
                "fristerne hober sig op.",
                "Vi tager arbejdsbelastningen op på hver anden 1:1 frem til sommerferien og "
                "flytter opgaver om nødvendigt.",
            ),
            (
                "Arbejdet giver mest mening, når det tydeligt hjælper afdelingerne; "
                "rutineopgaverne fylder meget.",
                "Du laver inden 1. april en liste over rutineopgaver, der kan forenkles, og vi "
                "prioriterer den sammen.",
            ),
        ),
        "tasks_results": (
            (
                "Har skrevet den nye vejledning til afdelingerne, som er taget godt imod.",
                "Du holder vejledningen opdateret og fortæller om erfaringerne på teammødet i "
                "marts.",
            ),
            (
                "Svartiden på henvendelser fra afdelingerne bliver for lang i de travle perioder.",
                "Du foreslår inden 1. marts, hvordan vi kan svare på de fleste henvendelser "
                "inden for to arbejdsdage.",
            ),
        ),
        "competences": (
            (
                "Vil gerne blive bedre til at hente og bruge data fra de systemer, vi arbejder i.",
                "Du tager et kursus i Excel for øvede i foråret og laver bagefter en fast "
                "oversigt, teamet kan bruge.",
            ),
            (
                "Har overtaget nye opgaver og vil gerne have dem på plads, før travlheden i "
                "efteråret.",
                "Du løser opgaven sammen med en erfaren kollega to gange og den tredje gang selv "
                "inden 1. juni.",
            ),
        ),
        "collaboration": (
            (
                "Samarbejdet med afdelingerne fungerer, når vi taler sammen, ikke kun skriver.",
                "Du tager et fast kvarter med dine kontaktafdelinger hver anden uge i de næste "
                "tre måneder.",
            ),
            (
                "Opgaverne er sårbare, når en kollega er syg eller på ferie.",
                "Du beskriver dine faste opgaver kort inden sommerferien, så en kollega kan tage "
                "over.",
            ),
        ),
        "feedback": (
            (
                "Ønsker mere direkte feedback i hverdagen – ikke kun én gang om året.",
                "Lederen giver kort feedback, når en større opgave er afleveret; vi evaluerer "
                "efter tre måneder.",
            ),
            (
                "Oplever, at beslutninger fra ledelsen kommer sent ud til teamet.",
                "Lederen orienterer om beslutninger fra ledermødet på teammødet samme uge.",
            ),
        ),
        "balance": (
            (
                "Arbejdsdagen er svær at få til at hænge sammen med små børn, især sidst på "
                "måneden.",
                "Du går kl. 15 to dage om ugen i de næste tre måneder, og vi ser på det igen i "
                "maj.",
            ),
            (
                "Arbejder ofte over for at blive færdig med mails; det går ud over restitutionen.",
                "Du lukker mailen kl. 17 og tager de sene spørgsmål først næste morgen; vi "
                "følger op i marts.",
            ),
        ),
        "future": (
            (
                "Overvejer på sigt at specialisere sig og blive teamets faglige ekspert på et "
                "område.",
                "Du overtager ansvaret for ét fagområde i teamet fra april og fortæller om det "
                "på teammødet i juni.",
            ),
            (
                "Har lyst til mere ansvar og vil gerne prøve at lede et mindre projekt.",
                "Du er tovholder på teamets næste forbedringsprojekt fra februar; vi følger op i "
                "maj.",
            ),
        ),
        "psych_safety": (
            (
                "Det er blevet lettere at sige fra på teammøderne, også for de nye kolleger.",
                "Vi fortsætter med at starte teammødet med, hvad der gik godt, og hvad der var "
                "svært.",
            ),
            (
                "Fejl bliver stadig af og til rettet i det stille i stedet for at blive delt.",
                "Du fortæller om én fejl, vi kan lære af, på teammødet inden sommerferien.",
            ),
        ),
        "leadership_role": (
            (
                "Er ofte den, kollegerne spørger til råds, og vil gerne bruge det mere bevidst.",
                "Du bliver fast sparringspartner for den nye kollega, der starter i februar.",
            ),
            (
                "Træder til, når lederen er væk, men mangler et klart mandat.",
                "Vi skriver inden 1. marts ned, hvad du kan beslutte, når du er stedfortræder.",
            ),
        ),
        "strategy": (
            (
                "Kender hospitalets mål, men kan ikke se, hvordan egne opgaver bidrager.",
                "Vi gennemgår teamets mål på næste 1:1, og du vælger ét, du bidrager særligt til.",
            ),
            (
                "Har idéer til at gøre arbejdsgangene enklere for afdelingerne.",
                "Du præsenterer din idé på teammødet i februar, og vi aftaler, om den skal "
                "afprøves.",
            ),
        ),
        "change": (
            (
                "Det nye sagssystem har ændret mange arbejdsgange på én gang.",
                "Du samler teamets spørgsmål til systemet og tager dem med til opfølgningsmødet i "
                "september.",
            ),
            (
                "Omlægningen af arbejdsgangene skaber usikkerhed hos nogle af kollegerne.",
                "Du bliver superbruger og hjælper kollegerne en halv time om dagen i de første "
                "otte uger.",
            ),
        ),
    },
    FIRST_LINE: {
        "tasks_results": (
            (
                "Teamet overholdt alle frister i år, men svartiden på henvendelser fra "
                "afdelingerne er for lang.",
                "Du sætter et mål for svartiden sammen med teamet og følger op på det hver måned "
                "fra februar.",
            ),
            (
                "Har fået den nye arbejdsgang i drift, men har selv båret det meste af arbejdet.",
                "Du giver ansvaret for arbejdsgangen til en medarbejder inden 1. april og følger "
                "op med vedkommende i maj.",
            ),
        ),
        "collaboration": (
            (
                "Samarbejdet med de kliniske afdelinger fungerer, når vi taler sammen, ikke kun "
                "skriver.",
                "Du holder et kvarters møde med to af afdelingslederne hver måned i de næste tre "
                "måneder.",
            ),
            (
                "Teamlederne i stabene arbejder hver for sig, også om opgaver, der går på tværs.",
                "Du tager initiativ til et fælles møde med de andre teamledere i stabene inden 1. "
                "marts.",
            ),
        ),
        "psych_safety": (
            (
                "Det er blevet lettere for medarbejderne at sige fra på teammøderne, også for de "
                "nye.",
                "Du fortsætter med at starte teammødet med, hvad der gik godt, og hvad der var "
                "svært.",
            ),
            (
                "Fejl bliver stadig af og til rettet i det stille i stedet for at blive delt.",
                "Du tager én fejl om måneden op med teamet med fokus på, hvad I lærer af den.",
            ),
        ),
        "leadership_role": (
            (
                "Bruger stadig meget tid på selv at løse faglige opgaver i stedet for at "
                "uddelegere dem.",
                "Du giver to af dine faste opgaver til medarbejdere i teamet inden 1. marts; vi "
                "følger op efter seks uger.",
            ),
            (
                "Har udskudt en svær samtale med en medarbejder om kvaliteten i opgaverne.",
                "Du tager samtalen inden udgangen af januar, og vi tager en kort sparring før og "
                "efter.",
            ),
        ),
        "strategy": (
            (
                "Hospitalets strategi er forstået i ledergruppen, men teamet kan ikke se sin "
                "egen rolle i den.",
                "Du oversætter strategien til tre konkrete mål for teamet og præsenterer dem på "
                "teammødet i februar.",
            ),
            (
                "Teamet løser stadig opgaver, som ingen længere efterspørger.",
                "Du laver en liste over opgaver, teamet kan holde op med, og vi beslutter den "
                "sammen inden 1. april.",
            ),
        ),
        "change": (
            (
                "Overgangen til det nye økonomi- og lønsystem har krævet meget "
                "forventningsafstemning i teamet.",
                "Du holder en opfølgende workshop med teamet efter sommerferien om, hvad der "
                "virker.",
            ),
            (
                "Den nye måde at fordele sagerne på skaber usikkerhed hos flere i teamet.",
                "Du udpeger to nøglepersoner og giver dem tid til at hjælpe kollegerne i de "
                "første otte uger.",
            ),
        ),
    },
}


def card_texts(layer: str, work: str, theme: str) -> tuple[tuple[str, str], ...]:
    """What may be said on a card of `theme` in the conversation of a person of `layer`
    whose work is `work` (CLINICAL or OFFICE); () for a theme the demo has no texts for."""
    group = text_group(layer)
    if work == OFFICE and theme in OFFICE_CARD_TEXTS.get(group, {}):
        return OFFICE_CARD_TEXTS[group][theme]
    return CARD_TEXTS[group].get(theme, ())


# What a person wrote beside a self-rating, by layer group (as many for each).
RATING_COMMENTS = {
    STAFF: (
        "Det gælder især i de travle perioder, hvor jeg skal prioritere hurtigt.",
        "Her har jeg rykket mig det sidste halve år.",
        "Svært at vurdere, da der ikke har været mange situationer af den slags i år.",
        "Et eksempel er de to nye kolleger, jeg har hjulpet i gang i år.",
        "Det er her, jeg helst vil udvikle mig det kommende år.",
    ),
    FIRST_LINE: (
        "Det gælder især i de travle perioder, hvor driften fylder mest.",
        "Her har jeg rykket mig det sidste halve år, også efter teamets feedback.",
        "Svært at vurdere, da der ikke har været mange situationer af den slags i år.",
        "Et eksempel er den faste opfølgning på teamets mål, som nu kører uden mig.",
        "Det er her, jeg helst vil udvikle mig som leder det kommende år.",
    ),
    SENIOR: (
        "Det gælder især, når flere dele af området er under pres på samme tid.",
        "Her har jeg rykket mig det sidste halve år, også efter mine lederes feedback.",
        "Svært at vurdere, da der ikke har været mange situationer af den slags i år.",
        "Et eksempel er budgetlægningen, som mine ledere nu selv står for.",
        "Det er her, jeg helst vil udvikle mig det kommende år.",
    ),
}

# The conversation's summary on the plan, by layer group (as many for each).
SUMMARIES = {
    STAFF: (
        "Et godt år med stabil drift og flere nye opgaver. Fokus det kommende år er at bygge "
        "videre på det faglige og at sige til i tide, når travlheden tager over.",
        "Året har været præget af forandringer. Vi er enige om at prioritere arbejdsmiljøet og "
        "en tydeligere plan for den faglige udvikling.",
        "Stærke faglige resultater. Udviklingen handler om samarbejdet på tværs og om at få "
        "feedback til at være en naturlig del af hverdagen.",
    ),
    FIRST_LINE: (
        "Et godt år med stabil drift og flere nye opgaver. Fokus det kommende år er at "
        "uddelegere mere og få tid til at udvikle teamet.",
        "Året har været præget af forandringer. Vi er enige om at prioritere arbejdsmiljøet i "
        "teamet og din egen tid til ledelse.",
        "Stærke resultater i enheden. Udviklingen handler om at få feedback fra teamet og om "
        "samarbejdet med lederkollegerne.",
    ),
    SENIOR: (
        "Et godt år for området med stabil drift. Fokus det kommende år er at lede gennem "
        "lederne og give mere tid til strategien og helheden.",
        "Året har været præget af forandringer på tværs af hospitalet. Vi er enige om at "
        "prioritere kulturen og holde lederne ansvarlige for deres ledelse, ikke kun for driften.",
        "Stærke resultater i området. Udviklingen handler om samarbejdet i ledergruppen og om at "
        "udvikle næste generation af ledere.",
    ),
}

# What anonymous peers and direct reports wrote in a leadership evaluation's 360° survey,
# by the dimension of the expectation they wrote under: no names, nothing that points to who
# wrote it, as a survey tool's free-text answers read.
FEEDBACK_COMMENTS = {
    "peer": {
        "results": (
            "Leverer det aftalte, også når det kræver, at egne planer bliver lagt om.",
            "Vi hører ofte først om prioriteringerne, når de allerede er besluttet.",
        ),
        "people": (
            "Har et hold, der tager ansvar, også når lederen ikke er der.",
            "Kunne oftere dele ud af sine folk, når andre afdelinger mangler hænder.",
        ),
        "collaboration": (
            "God til at finde en løsning, når to afdelinger trækker i hver sin retning.",
            "Jeg savner, at der bliver fulgt op på det, vi aftaler på ledermøderne.",
        ),
        "change": (
            "Stiller de spørgsmål, der får os andre til at tænke os om en ekstra gang.",
            "Forandringerne bliver gennemført, men vi andre bliver sjældent spurgt undervejs.",
        ),
        "self": (
            "Tager sin del af de fælles opgaver, også de upopulære.",
            "Siger det ligeud, når noget ikke går – også om egne fejl.",
        ),
    },
    "report": {
        "results": (
            "Jeg ved, hvad der forventes af mig, og hvorfor det er vigtigt.",
            "Beslutningerne bliver nogle gange ændret, uden at vi hører hvorfor.",
        ),
        "people": (
            "Bakker op, når man har brug for det, og siger det også, når noget ikke er godt nok.",
            "Der er sjældent tid til sparring i hverdagen, kun når det brænner på.",
        ),
        "collaboration": (
            "Vil gerne have mere at vide om, hvad der bliver besluttet højere oppe, og hvorfor.",
            "Sørger for, at vi bliver hørt, når andre afdelinger vil ændre noget hos os.",
        ),
        "change": (
            "Giver os plads til at prøve nye måder at gøre tingene på.",
            "Vi får at vide, at noget skal ændres, men ikke altid, hvad det skal føre til.",
        ),
        "self": (
            "Er rolig og tydelig, også i de pressede perioder.",
            "Er et godt eksempel på at holde fri, når man har fri.",
        ),
    },
}

# Readiness for the next layer, as a completed leadership evaluation recorded it.
READINESS_NOTE = (
    "Først skal helheden og samarbejdet med de andre funktioner fylde "
    "mere end driften i egen funktion; vi ser på det igen ved næste evaluering."
)

REVIEW_NOTES = {
    "done": "Gennemført som aftalt – det har gjort en mærkbar forskel.",
    "partly": "Godt i gang, men ikke helt i mål; vi tager det med videre.",
    "not_done": "Blev ikke til noget på grund af travlhed; vi ser på det igen.",
}

FIRST_NAMES = (
    "Anne",
    "Mette",
    "Hanne",
    "Susanne",
    "Camilla",
    "Louise",
    "Maria",
    "Sofie",
    "Ida",
    "Julie",
    "Peter",
    "Lars",
    "Jens",
    "Michael",
    "Thomas",
    "Rasmus",
    "Mads",
    "Frederik",
    "Emil",
    "Oliver",
    "Ahmed",
    "Fatima",
    "Nanna",
    "Kasper",
    "Birgitte",
    "Morten",
    "Signe",
)
LAST_NAMES = (
    "Nielsen",
    "Jensen",
    "Hansen",
    "Pedersen",
    "Andersen",
    "Christensen",
    "Larsen",
    "Sørensen",
    "Rasmussen",
    "Jørgensen",
    "Petersen",
    "Madsen",
    "Kristensen",
    "Olsen",
    "Thomsen",
    "Poulsen",
    "Johansen",
    "Møller",
    "Mortensen",
    "Østergaard",
    "Holm",
)
UNITS = (
    "Ortopædkirurgi",
    "Sengeafsnit O1",
    "Sengeafsnit O2",
    "Operationsgangen",
    "Anæstesi",
    "Plastikkirurgi",
    "Ambulatoriet",
    "Billeddiagnostik",
    "Økonomi",
    "HR",
    "IT",
    "Service",
)
TITLES = {
    "lead_self": ("Sygeplejerske", "Overlæge", "Lægesekretær", "Fysioterapeut", "Controller"),
    "lead_others": ("Afdelingssygeplejerske", "Afdelingsleder", "Teamleder"),
    "lead_leaders": ("Centerchef", "Områdechef"),
    "lead_function": ("Klinisk direktør", "Økonomichef", "HR-chef"),
    "lead_business": ("Administrerende direktør",),
}

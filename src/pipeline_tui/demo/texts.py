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

# What was said on a card of each theme: (notes, agreements).
CARD_TEXTS: dict[str, tuple[tuple[str, str], ...]] = {
    "wellbeing": (
        (
            "Trives med kollegerne og den faglige sparring, men mærker presset i de uger, "
            "hvor der er mange akutte indlæggelser.",
            "Vi tager en kort snak om arbejdsbelastningen på hver anden 1:1 frem til sommerferien.",
        ),
        (
            "Glæden ved arbejdet ligger især i patientkontakten; dokumentationen opleves som tung.",
            "Du afprøver skabelonen til sygeplejenotater i to måneder, og vi evaluerer sammen.",
        ),
    ),
    "tasks_results": (
        (
            "Har stået for den nye udskrivningstjekliste, som er taget godt imod af teamet.",
            "Du fortsætter som tovholder og fortæller om erfaringerne på personalemødet i marts.",
        ),
        (
            "Afsnittet nåede målet for genindlæggelser, men ventetiden på operation er for lang.",
            "Du laver en plan for ventetiderne sammen med de ledende overlæger inden 1. marts.",
        ),
    ),
    "competences": (
        (
            "Vil gerne blive skarpere på smertebehandling efter hofte- og knæoperationer.",
            "Du deltager i kurset i akut smertebehandling i efteråret og deler det bagefter.",
        ),
        (
            "Har overtaget flere opgaver med budgetopfølgning og vil gerne forstå tallene bedre.",
            "Du følger controlleren ved to månedsafslutninger og laver den tredje selv.",
        ),
    ),
    "collaboration": (
        (
            "Overleveringen til operationsgangen er blevet bedre, men der går stadig tid tabt "
            "om morgenen.",
            "Vi inviterer operationsgangens afdelingsleder til et møde om morgenoverleveringen.",
        ),
        (
            "Samarbejdet med økonomi om indkøb fungerer, når vi taler sammen, ikke kun skriver.",
            "Du tager et fast kvarter med indkøb hver anden uge i de næste tre måneder.",
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
            "Arbejder ofte over for at blive færdig med mails; det går ud over restitutionen.",
            "Du lukker mailen kl. 17 og samler de sene spørgsmål til næste morgens tavlemøde.",
        ),
    ),
    "future": (
        (
            "Overvejer på sigt at søge en stilling som klinisk vejleder.",
            "Du bliver medvejleder for de to nye studerende i foråret.",
        ),
        (
            "Har lyst til mere ledelse og vil gerne prøve kræfter med en koordinatorrolle.",
            "Du er koordinator på dagvagt to dage om ugen fra februar; vi følger op i maj.",
        ),
    ),
    "psych_safety": (
        (
            "Det er blevet lettere at sige fra på tavlemøderne, også for de nye kolleger.",
            "Vi fortsætter med at starte tavlemødet med, hvad der gik godt, og hvad der var svært.",
        ),
        (
            "Fejl bliver stadig af og til talt om i krogene i stedet for i fællesskab.",
            "Vi gennemgår én utilsigtet hændelse om måneden i teamet med fokus på læring.",
        ),
    ),
    "leadership_role": (
        (
            "Bruger stadig meget tid på selv at løse opgaver i stedet for at uddelegere dem.",
            "Du udpeger to koordinatorer, der overtager vagtplanlægningen; vi følger op efter "
            "seks uger.",
        ),
        (
            "Rollen som leder af ledere er ny; det er svært at slippe driften i egen afdeling.",
            "Du holder kvartalsvise udviklingssamtaler med dine afdelingsledere om deres ledelse.",
        ),
    ),
    "strategy": (
        (
            "Centret nåede 94 % af målet for patienttilfredshed; ventetiderne trækker ned.",
            "Du præsenterer en handleplan for ventetider på ledermødet i april.",
        ),
        (
            "Strategien om flere ambulante forløb er forstået i ledergruppen, men ikke på gulvet.",
            "Hver afdelingsleder oversætter strategien til tre konkrete mål for sit team.",
        ),
    ),
    "change": (
        (
            "Sammenlægningen af de to sengeafsnit har krævet meget forventningsafstemning.",
            "Vi holder en opfølgende workshop med begge teams efter sommerferien.",
        ),
        (
            "Det nye bookingsystem skaber usikkerhed hos sekretærerne.",
            "Du udpeger to superbrugere og giver dem tid til at hjælpe kollegerne i de første "
            "otte uger.",
        ),
    ),
}

RATING_COMMENTS = (
    "Vi har talt om, at det især gælder i de travle perioder.",
    "Her har jeg set en tydelig udvikling det sidste halve år.",
    "Svært at vurdere, da der ikke har været mange situationer af den slags i år.",
    "Et eksempel er overleveringen efter weekenden, som nu kører uden problemer.",
    "Vi er enige om, at det er her, den største udvikling skal ske det kommende år.",
)

SUMMARIES = (
    "Et godt år med stabil drift og flere nye opgaver. Fokus det kommende år er at "
    "uddelegere mere og få tid til at udvikle teamet.",
    "Året har været præget af forandringer. Vi er enige om at prioritere arbejdsmiljøet og "
    "en tydeligere plan for den faglige udvikling.",
    "Stærke faglige resultater. Udviklingen handler om samarbejdet på tværs og om at få "
    "feedback til at være en naturlig del af hverdagen.",
)

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

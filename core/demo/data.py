"""The demo project's texts: people, charter, workflow maps and ideas (all in Danish).

Dates are day offsets from the anchor (the Monday of today's ISO week), so the demo always looks
current. Records refer to each other by short keys ("mh", "new:0050"); `core.demo.build` turns the
keys into ids. The action plan, board, cycles, meetings and teams are in `core.demo.plan`.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.models import Direction, IdeaStatus, MapKind, MeasureKind, StepSymbol

W = 7
"""Days in a week, for offsets like `-10 * W`."""

PROJECT_NAME = "Hurtigere afklaring af sygemeldte borgere"
UNIT = "Jobcenter Nord"
LEADER = "mh"
CREATED = -40 * W
GO_LIVE = -10 * W
"""The redesigned workflow went live on this Monday (the test phase began)."""

UNIT_JOB = "Jobcenter Nord"
UNIT_TRAIN = "Sundhed og Omsorg – Træningsenheden"
UNIT_SOCIAL = "Socialforvaltningen – Voksenrådgivningen"
UNITS_INVOLVED = (UNIT_JOB, UNIT_TRAIN, UNIT_SOCIAL)


@dataclass(frozen=True)
class PersonSpec:
    key: str
    name: str
    initials: str
    unit: str
    title: str


PEOPLE: tuple[PersonSpec, ...] = (
    PersonSpec("mh", "Mette Holm", "MH", UNIT_JOB, "Udviklingskonsulent, projektleder"),
    PersonSpec("lw", "Lars Winther", "LW", UNIT_JOB, "Afdelingsleder, Sygedagpengeafdelingen"),
    PersonSpec("kf", "Karina Friis", "KF", UNIT_JOB, "Teamleder, Sygedagpengeteamet"),
    PersonSpec("ab", "Anne Bech", "AB", UNIT_JOB, "Sagsbehandler, sygedagpenge"),
    PersonSpec("jm", "Jonas Møller", "JM", UNIT_JOB, "Sagsbehandler, jobafklaring"),
    PersonSpec("sk", "Susanne Krogh", "SK", UNIT_TRAIN, "Leder af Træningsenheden"),
    PersonSpec("cn", "Camilla Nørgaard", "CN", UNIT_TRAIN, "Fysioterapeut"),
    PersonSpec("hd", "Henrik Dahl", "HD", UNIT_SOCIAL, "Afdelingsleder, Voksenrådgivningen"),
    PersonSpec("ps", "Pia Sørensen", "PS", UNIT_SOCIAL, "Socialrådgiver"),
    PersonSpec("rj", "Rasmus Juhl", "RJ", "Almen praksis", "Praksiskonsulent, praktiserende læge"),
)

STEERING: tuple[tuple[str, str, bool], ...] = (
    ("lw", "Formand", True),
    ("sk", "Besluttende leder", True),
    ("hd", "Besluttende leder", True),
    ("mh", "Projektleder", False),
)
"""(person, role, deciding leader): every deciding leader of the units involved + the leader."""

PROJECT_GROUP: tuple[tuple[str, str], ...] = (
    ("mh", "Projektleder og facilitator"),
    ("kf", "Tovholder i Sygedagpengeteamet"),
    ("ab", "Medarbejderrepræsentant, sygedagpenge"),
    ("jm", "Medarbejderrepræsentant, jobafklaring"),
    ("cn", "Repræsentant for Træningsenheden"),
    ("ps", "Repræsentant for Voksenrådgivningen"),
    ("rj", "Sparringspartner fra almen praksis"),
)

CITIZEN_CASE = (
    "Lone er 42 år og butiksassistent. Hun blev sygemeldt med stress og smerter i lænden efter "
    "en periode med mange vagter og en mor, der blev syg. I de første ti uger mødte hun tre "
    "sagsbehandlere: sin sygedagpengesagsbehandler i jobcentret, en visitator i "
    "Træningsenheden og en socialrådgiver i Voksenrådgivningen, da økonomien begyndte at knibe. "
    "Hun fortalte sin historie fire gange og udfyldte to næsten ens skemaer.\n\n"
    "Alle tre var enige om, at et fælles møde var det rigtige, men det tog fem uger at finde en "
    "tid i tre kalendere. Imens stod Lone på venteliste til træning og blev mere og mere usikker "
    "på, om hun kunne komme tilbage til sit job.\n\n"
    "Lones forløb er ikke usædvanligt. Vi bruger det som vores fælles fortælling om, hvorfor "
    "projektet er sat i gang."
)
PURPOSE = (
    "Sygemeldte borgere, der har brug for en indsats fra flere enheder, skal opleve ét "
    "sammenhængende forløb med én fælles plan, så de hurtigere bliver afklaret og kommer "
    "tilbage i arbejde."
)
SUCCESS_CRITERIA = (
    "- Borgeren fortæller sin historie én gang og møder ét team, ikke tre enheder.\n"
    "- Første fælles samtale holdes senest 14 dage efter sygemeldingen.\n"
    "- Borgeren har en fælles, skriftlig plan inden 8 uger.\n"
    "- Medarbejderne i de tre enheder kender hinandens opgaver og kan række ud til hinanden "
    "uden lange mailtråde."
)
SCOPE = (
    "Omfatter borgere i Jobcenter Nord, der er sygemeldt med stress, angst, depression eller "
    "smerter i bevægeapparatet og har brug for en indsats fra mindst to af de tre enheder.\n"
    "Omfatter ikke borgere i ressourceforløb eller fleksjob, og ikke sygemeldte, der forventes "
    "raskmeldt inden for 8 uger.\n"
    "Projektet ændrer arbejdsgange, mødestruktur og samarbejdsaftaler, ikke lovgivning eller "
    "IT-systemer."
)
BACKGROUND = (
    "Sidste år blev omkring 1.400 borgere sygemeldt i jobcentrets område. En gennemgang af 40 "
    "sager viste, at borgere med stress og smerter i gennemsnit ventede 24 dage på den første "
    "samtale, hvor mere end én enhed deltog, og at hver fjerde sag havde mere end tre "
    "sagsbehandlere i de første 8 uger.\n\n"
    "Direktionen har prioriteret sammenhæng i indsatsen for sygemeldte. Styregruppen brugte to "
    "møder på formål, succeskriterier og resultatmål. Projektet følger KL's drejebog "
    "\"Sammenhæng i opgaveløsningen – processen trin for trin\"."
)


@dataclass(frozen=True)
class GoalSpec:
    key: str
    text: str
    measure: str
    target: float
    due: int


GOALS: tuple[GoalSpec, ...] = (
    GoalSpec("g1", "Første fælles samtale holdes i gennemsnit senest 14 dage efter "
             "sygemeldingen", "m1", 14.0, 12 * W),
    GoalSpec("g2", "Mindst 80 % af borgerne har en fælles plan inden 8 uger", "m2", 0.8, 20 * W),
    GoalSpec("g3", "Højst 3 nye sager om ugen har mere end 3 sagsbehandlere", "m3", 3.0, 20 * W),
)


@dataclass(frozen=True)
class MeasureSpec:
    key: str
    name: str
    definition: str
    kind: MeasureKind
    unit: str
    better: Direction
    target: float
    baseline: float
    step: str
    goal: str


MEASURES: tuple[MeasureSpec, ...] = (
    MeasureSpec(
        "m1", "Dage fra sygemelding til første fælles samtale",
        "Gennemsnitligt antal kalenderdage fra første sygedag til den første samtale, hvor "
        "borgeren, jobcentret og mindst én anden enhed deltager. Tælles for borgere, der havde "
        "første fælles samtale i ugen. Kilde: Momentum og mødelisten fra den faste tirsdagstid.",
        MeasureKind.TIME, "dage", Direction.LOWER, 14.0, 24.0, "new:0050", "g1",
    ),
    MeasureSpec(
        "m2", "Andel borgere med fælles plan inden 8 uger",
        "Tæller: borgere, der ved udgangen af 8. sygeuge har en fælles plan, som borgeren og "
        "alle involverede enheder har set. Nævner: borgere i målgruppen, der i ugen rundede 8 "
        "ugers sygemelding.",
        MeasureKind.PROPORTION, "andel af borgere", Direction.HIGHER, 0.8, 0.35, "new:0080", "g2",
    ),
    MeasureSpec(
        "m3", "Antal nye sager med mere end 3 sagsbehandlere",
        "Antal borgere i målgruppen, der i ugen rundede 8 ugers sygemelding og har haft mere end "
        "tre forskellige sagsbehandlere på tværs af de tre enheder. Optælles manuelt ud fra "
        "sagsoversigten.",
        MeasureKind.COUNT, "sager", Direction.LOWER, 3.0, 6.0, "new:0090", "g3",
    ),
)

MEASUREMENT_NOTES: dict[tuple[str, int], str] = {
    ("m1", 0): "Baseline trukket bagud fra Momentum.",
    ("m1", 16): "Første uge med fast tirsdagstid til fælles samtaler.",
    ("m2", 20): "To borgere flyttede kommune og er ikke talt med.",
    ("m3", 9): "Ferieuge: kun halvdelen af sagerne gennemgået, resten talt ugen efter.",
}
"""Notes on a few measurements: (measure, index in the series) -> note."""

MAPS: tuple[tuple[str, MapKind, str, int], ...] = (
    ("cur", MapKind.CURRENT, "Sygemeldt med stress og smerter – sådan er det i dag", -31 * W + 2),
    ("new", MapKind.REDESIGN, "Én fælles start – redesign", -28 * W + 2),
)
"""(key, kind, title, made on)."""

LANES: tuple[tuple[str, str], ...] = (
    ("borger", "Borger"),
    ("job", "Jobcenter – sygedagpenge"),
    ("train", "Træningsenheden"),
    ("social", "Voksenrådgivningen"),
)
"""Both maps use the same four lanes: (key, name)."""

_T, _D, _IT = StepSymbol.TASK, StepSymbol.DECISION, StepSymbol.IT_SYSTEM
_C, _H, _WT = StepSymbol.CITIZEN_CONTACT, StepSymbol.HANDOVER, StepSymbol.WAITING

CURRENT_STEPS: tuple[tuple[str, StepSymbol, str, str], ...] = (
    ("job", _IT, "Sygemelding modtages fra arbejdsgiver via NemRefusion", "1-5 dage"),
    ("job", _T, "Sagen fordeles til en sagsbehandler", "1 uge"),
    ("borger", _WT, "Borgeren venter på og udfylder oplysningsskema", "2 uger"),
    ("job", _WT, "Lægeattest indhentes fra egen læge", "3 uger"),
    ("job", _C, "Første opfølgningssamtale i jobcentret", "45 min"),
    ("job", _H, "Henvisning til træning sendes som brev", "1 uge"),
    ("train", _C, "Visitationssamtale i Træningsenheden – borgeren fortæller igen", "60 min"),
    ("train", _WT, "Venteliste til holdtræning", "4 uger"),
    ("social", _C, "Borgeren henvender sig om økonomi og får en ny sagsbehandler", "45 min"),
    ("job", _D, "Skal der holdes et fælles møde?", ""),
    ("job", _WT, "Fælles møde aftales pr. mail mellem tre kalendere", "3 uger"),
    ("borger", _C, "Fælles møde – borgeren fortæller sin historie for fjerde gang", "1 time"),
)
"""(lane, symbol, text, duration as typed); order keys 0010, 0020, ..."""

REDESIGN_STEPS: tuple[tuple[str, StepSymbol, str, str, bool, str | None], ...] = (
    ("job", _IT, "Sygemelding modtages og screenes samme dag med fælles screeningsskema",
     "1 dag", False, "0010"),
    ("job", _D, "Har borgeren brug for en indsats fra flere enheder?", "15 min", False, "0100"),
    ("job", _IT, "Tid bookes i den faste tirsdagstid i den fælles kalender", "10 min", False,
     "0110"),
    ("job", _C, "Sagsbehandleren ringer til borgeren og inviterer til samtalen", "20 min",
     False, "0030"),
    ("job", _C, "Fælles opstartssamtale med sagsbehandler, fysioterapeut og socialrådgiver",
     "60 min", True, "0120"),
    ("train", _T, "Fysioterapeuten vurderer træningsbehovet på mødet", "20 min", False, "0070"),
    ("social", _T, "Socialrådgiveren afklarer økonomien på mødet", "20 min", False, "0090"),
    ("job", _IT, "Én fælles plan skrives i Momentum og deles med borgeren", "30 min", True,
     None),
    ("job", _H, "Én gennemgående sagsbehandler er borgerens faste kontakt", "", True, "0020"),
    ("train", _T, "Træningen starter senest 2 uger efter samtalen", "2 uger", False, "0080"),
    ("job", _C, "Opfølgning på den fælles plan efter 4 uger", "30 min", False, None),
)
"""(lane, symbol, text, duration, KPI, the order key of today's step it redesigns or None
for a new step); order keys 0010, 0020, ..."""


@dataclass(frozen=True)
class IdeaSpec:
    key: str
    text: str
    who: str
    source: str
    step: str | None
    status: IdeaStatus
    created: int
    note: str = ""


_WORKSHOP = "Brown paper-workshop"
_REDESIGN = "Redesignworkshop"
_KAIZEN = "Kaizen-møde"

IDEAS: tuple[IdeaSpec, ...] = (
    IdeaSpec("i_tuesday", "Fast ugentlig tid, hvor alle tre enheder er klar til fælles "
             "samtaler", "Anne Bech", _WORKSHOP, "cur:0110", IdeaStatus.CHOSEN, -31 * W + 2),
    IdeaSpec("i_screening", "Ét fælles screeningsskema, så borgeren kun fortæller sin historie "
             "én gang", "Pia Sørensen", _WORKSHOP, "cur:0070", IdeaStatus.CHOSEN, -31 * W + 2),
    IdeaSpec("i_phone", "Drop oplysningsskemaet og ring til borgeren i stedet", "Jonas Møller",
             _WORKSHOP, "cur:0030", IdeaStatus.CHOSEN, -31 * W + 2),
    IdeaSpec("i_choose", "Lad borgeren selv vælge, hvem der skal med til samtalen",
             "Lone (borger)", "Borgerinterview", None, IdeaStatus.PARKED, -33 * W,
             "Tages op igen, når den faste tirsdagstid kører."),
    IdeaSpec("i_office", "Fysioterapeut med kontor i jobcentret to dage om ugen",
             "Camilla Nørgaard", _WORKSHOP, "cur:0080", IdeaStatus.PARKED, -31 * W + 2,
             "Skørt forslag – men det ville fjerne ventelisten. Kræver lokaler."),
    IdeaSpec("i_shared_file", "Én sagsmappe på tværs af Momentum og Nexus", "Henrik Dahl",
             _REDESIGN, None, IdeaStatus.REJECTED, -28 * W + 2,
             "Kræver samtykke og en integration, som ikke kan nås i projektet."),
    IdeaSpec("i_doctor", "Egen læge deltager i første samtale via video", "Rasmus Juhl",
             _REDESIGN, "new:0050", IdeaStatus.NEW, -28 * W + 2),
    IdeaSpec("i_sms", "Sms-påmindelse til borgeren dagen før samtalen", "Karina Friis",
             _KAIZEN, "new:0040", IdeaStatus.CHOSEN, -5 * W + 3),
    IdeaSpec("i_huddle", "Fælles tavlemøde 15 minutter hver mandag morgen", "Karina Friis",
             _KAIZEN, None, IdeaStatus.NEW, -3 * W + 3),
    IdeaSpec("i_swap", "Byt plads en dag: sagsbehandleren følger fysioterapeuten og omvendt",
             "Camilla Nørgaard", _KAIZEN, None, IdeaStatus.NEW, -3 * W + 3),
)

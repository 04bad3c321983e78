"""The demo project's action plan, kaizen board, PDSA cycles and kaizen meetings (the teams are
in `core.demo.teams`).

Like `core.demo.data`: Danish texts, dates as day offsets from the anchor Monday, references by
key (people "mh", measures "m1", ideas "i_phone", steps "new:0050").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TypedDict

from core.demo.data import GO_LIVE, W
from core.models import (
    ActDecision,
    ActionStatus,
    BenefitKind,
    BenefitStatus,
    BoardColumn,
    DriverKind,
    DriverTestKind,
    MeetingItemKind,
)


@dataclass(frozen=True)
class ActionSpec:
    change: str
    responsible: str
    effect: str
    how: str
    deadline: int
    status: ActionStatus
    measure: str | None = None
    idea: str | None = None
    step: str | None = None


_KPI1 = "Følges af KPI: dage fra sygemelding til første fælles samtale."
_KPI2 = "Følges af KPI: andel borgere med fælles plan inden 8 uger."
_KPI3 = "Følges af KPI: antal nye sager med mere end 3 sagsbehandlere."
_NO_KPI = "Ingen KPI – en forudsætning for den nye arbejdsgang."

ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("Aftale fast ugentlig tid (tirsdag kl. 9-12) til fælles opstartssamtaler", "lw",
               "Borgeren får første fælles samtale inden 14 dage. " + _KPI1,
               "Blokér tiden i kalenderen for sagsbehandlere, fysioterapeut og socialrådgiver.",
               -14 * W, ActionStatus.DONE, "m1", "i_tuesday", "new:0030"),
    ActionSpec("Udarbejde fælles screeningsskema for sygemeldte med stress og smerter", "ps",
               "Borgeren fortæller sin historie én gang. " + _KPI2,
               "Saml de tre enheders skemaer til ét på højst to sider; test det på fem sager.",
               -16 * W, ActionStatus.DONE, "m2", "i_screening", "new:0010"),
    ActionSpec("Afklare, hvilke oplysninger der må deles på den fælles samtale", "hd",
               _NO_KPI, "Få svar fra kommunens jurist på samtykke og videregivelse.",
               -20 * W, ActionStatus.DONE),
    ActionSpec("Lave samtykkeerklæring, som borgeren underskriver før første samtale", "ps",
               _NO_KPI, "Brug juristens svar; skriv på almindeligt dansk.", -17 * W,
               ActionStatus.DONE),
    ActionSpec("Oprette fælles mødelokale og fast Teams-link til samtalerne", "kf",
               _NO_KPI, "Book lokale 2.14 hver tirsdag; link i invitationsskabelonen.",
               -12 * W, ActionStatus.DONE),
    ActionSpec("Undervise sagsbehandlerne i den nye arbejdsgang", "kf",
               "Alle kender redesignet, før det går i drift. Ingen KPI.",
               "To gange to timer med redesignet hængt op på væggen.", -11 * W, ActionStatus.DONE),
    ActionSpec("Skabelon til den fælles plan i Momentum", "jm",
               "Planen skrives ens og kan deles med borgeren. " + _KPI2,
               "Byg skabelonen med tre afsnit: arbejde, helbred, økonomi.", -12 * W,
               ActionStatus.DONE, "m2", None, "new:0080"),
    ActionSpec("Aftale med Træningsenheden: træning starter senest 2 uger efter samtalen", "sk",
               "Kortere ventetid på træning. Ingen KPI endnu – følges i stikprøver.",
               "Reservér to pladser om ugen på holdtræningen til projektets borgere.",
               -13 * W, ActionStatus.DONE, None, None, "new:0100"),
    ActionSpec("Ugentligt dataudtræk til de tre KPI'er", "mh",
               "Tidstro data til kaizen-møderne. Følger alle tre KPI'er.",
               "Træk tallene hver mandag og opdatér seriediagrammerne før kaizen-mødet.",
               -11 * W, ActionStatus.DONE, "m1"),
    ActionSpec("Informere de praktiserende læger om den nye fælles samtale", "rj",
               "Lægerne kan forberede borgeren og sende attesten hurtigere. Ingen KPI.",
               "Skriv i praksisnyt og tag det op på næste klyngemøde.", -9 * W, ActionStatus.DONE),
    ActionSpec("Indføre én gennemgående sagsbehandler for borgere med tværfaglig indsats", "lw",
               "Færre skift og færre sagsbehandlere pr. borger. " + _KPI3,
               "Beslut fordelingsnøgle i afdelingen og flyt de eksisterende sager.",
               3 * W, ActionStatus.IN_PROGRESS, "m3", None, "new:0090"),
    ActionSpec("Beskrive stedfortræderordning ved ferie og sygdom", "sk",
               "Tirsdagstiden bliver ikke aflyst, når en fra teamet er væk. " + _KPI1,
               "Udpeg en stedfortræder pr. enhed og skriv det ind i mødeskabelonen.",
               -2 * W, ActionStatus.IN_PROGRESS, "m1"),
    ActionSpec("Opdatere kvalitetsstandarden for sygedagpengeområdet", "kf",
               "Den nye arbejdsgang står i kvalitetsstandarden. Ingen KPI.",
               "Skriv afsnittet om fælles opstart og send det til høring i MED.",
               -W + 2, ActionStatus.NOT_STARTED),
    ActionSpec("Sms-påmindelse til borgeren dagen før samtalen", "jm",
               "Færre udeblivelser fra den fælles samtale. " + _KPI1,
               "Opsæt påmindelsen i Momentum og afprøv den i én uge.", 4 * W,
               ActionStatus.NOT_STARTED, "m1", "i_sms", "new:0040"),
    ActionSpec("Fælles sagsmappe på tværs af Momentum og Nexus", "hd",
               "Mindre dobbeltregistrering. Ingen KPI.",
               "Annulleret af styregruppen: kræver samtykke og en integration, som ikke kan nås "
               "i projektperioden.", -18 * W, ActionStatus.CANCELLED, None, "i_shared_file"),
    ActionSpec("Fejre, at målet om første samtale inden 14 dage er nået", "mh",
               "Energi til det fortsatte arbejde. " + _KPI1,
               "Kage på kaizen-mødet og et opslag på intranettet med seriediagrammet.",
               W + 3, ActionStatus.NOT_STARTED, "m1"),
    ActionSpec("Forberede beslutningsoplæg til styregruppen om drift efter afprøvningen", "mh",
               "Styregruppen kan beslutte, hvad der fortsætter som standard. Ingen KPI.",
               "Saml målingerne, erfaringerne fra kaizen-møderne og medarbejdernes input.",
               6 * W, ActionStatus.NOT_STARTED),
)


@dataclass(frozen=True)
class CardSpec:
    key: str
    title: str
    description: str
    owner: str
    due: int | None
    column: BoardColumn
    measure: str | None = None
    idea: str | None = None


CARDS: tuple[CardSpec, ...] = (
    CardSpec("c_swap", "Byt plads en dag", "Sagsbehandler og fysioterapeut følger hinanden en "
             "dag for at forstå hinandens opgaver.", "cn", None, BoardColumn.IDEA, None, "i_swap"),
    CardSpec("c_huddle", "Tavlemøde mandag morgen", "15 minutter stående foran tavlen med "
             "ugens fælles samtaler.", "kf", None, BoardColumn.IDEA, None, "i_huddle"),
    CardSpec("c_sms", "Sms-påmindelse dagen før samtalen", "Færre udeblivelser fra tirsdagstiden.",
             "jm", 4 * W, BoardColumn.PLANNED, "m1", "i_sms"),
    CardSpec("c_party", "Fejr 14-dages-målet", "Seriediagrammet viser et signal: ni uger i træk "
             "under medianen.", "mh", W + 3, BoardColumn.PLANNED, "m1"),
    CardSpec("c_phone", "Ring til borgeren i stedet for oplysningsskema", "Afprøves i små "
             "PDSA-cyklusser i Sygedagpengeteamet.", "ab", 2 * W, BoardColumn.TESTING, "m1",
             "i_phone"),
    CardSpec("c_one", "Én gennemgående sagsbehandler", "Borgeren har én fast kontakt på tværs "
             "af enhederne.", "jm", 3 * W, BoardColumn.TESTING, "m3"),
    CardSpec("c_tuesday", "Fast tirsdagstid til fælles opstartssamtaler", "Besluttet som "
             "standard af styregruppen.", "lw", None, BoardColumn.STANDARD, "m1", "i_tuesday"),
    CardSpec("c_screening", "Fælles screeningsskema", "Bruges af alle tre enheder.", "ps", None,
             BoardColumn.STANDARD, "m2", "i_screening"),
    CardSpec("c_file", "Fælles sagsmappe i Momentum og Nexus", "Droppet: kræver samtykke og "
             "systemintegration.", "hd", None, BoardColumn.DROPPED, None, "i_shared_file"),
)

CYCLE_CARD = "c_phone"
CYCLE1_START = GO_LIVE + W + 1
CYCLE1_END = GO_LIVE + 4 * W + 4
CYCLE2_START = -4 * W

class CycleSpec(TypedDict):
    """A PDSA cycle of the demo; dates as day offsets from the anchor."""

    plan_what: str
    plan_who: str
    plan_when: int
    plan_where: str
    prediction: str
    do_notes: str
    do_problems: str
    study_notes: str
    act: ActDecision | None
    act_notes: str
    started_on: int
    ended_on: int | None


CYCLES: tuple[CycleSpec, ...] = (
    {
        "plan_what": "Anne ringer til nye sygemeldte i målgruppen inden for tre dage i stedet for "
        "at sende oplysningsskemaet, og booker den fælles samtale i samme opkald.",
        "plan_who": "Anne Bech",
        "plan_when": CYCLE1_START,
        "plan_where": "Sygedagpengeteamet, Jobcenter Nord",
        "prediction": "Mindst 5 af 6 borgere får en fælles samtale inden 14 dage, og opkaldet "
        "tager højst 15 minutter.",
        "do_notes": "Seks borgere ringet op. Fem fik tid i tirsdagstiden inden 14 dage.",
        "do_problems": "Én borger kunne ikke træffes i tre dage. Opkaldene tog 20-30 minutter, "
        "fordi borgerne havde mange spørgsmål om sygedagpenge.",
        "study_notes": "Forudsigelsen holdt for tiden til samtalen (5 af 6), men ikke for "
        "opkaldets længde. Borgerne sagde, at de følte sig taget godt imod.",
        "act": ActDecision.ADAPT,
        "act_notes": "Vi laver en kort tjekliste til opkaldet og sender en sms først, så "
        "borgeren ved, at vi ringer. Næste cyklus: hele teamet.",
        "started_on": CYCLE1_START,
        "ended_on": CYCLE1_END,
    },
    {
        "plan_what": "Alle sagsbehandlere i Sygedagpengeteamet ringer op efter tjekliste og "
        "sender en sms dagen før opkaldet.",
        "plan_who": "Sygedagpengeteamet (Anne Bech koordinerer)",
        "plan_when": CYCLE2_START,
        "plan_where": "Sygedagpengeteamet, Jobcenter Nord",
        "prediction": "Opkaldet tager højst 15 minutter, og dage til første fælles samtale "
        "holder sig under 14 i gennemsnit.",
        "do_notes": "Uge 1-3: 17 borgere ringet op; tjeklisten bruges af alle.",
        "do_problems": "",
        "study_notes": "",
        "act": None,
        "act_notes": "",
        "started_on": CYCLE2_START,
        "ended_on": None,
    },
)
"""The two chained cycles of the card `CYCLE_CARD`, both on measure m1."""


@dataclass(frozen=True)
class MeetingSpec:
    held_on: int
    duration: int
    people: tuple[str, ...]
    notes: str
    decisions: str


MEETINGS: tuple[MeetingSpec, ...] = (
    MeetingSpec(
        -5 * W + 3, 55, ("mh", "kf", "ab", "cn", "ps"),
        "Gennemgang af seriediagrammerne: fem uger under medianen for dage til første fælles "
        "samtale. Anne fortalte om første PDSA-cyklus med telefonopkald: 5 af 6 borgere fik "
        "tid inden 14 dage, men opkaldene tog for lang tid. To tirsdage blev aflyst pga. ferie.",
        "Cyklus 2 med tjekliste og sms starter mandag. Mette beder Susanne beskrive en "
        "stedfortræderordning. Karinas idé om sms-påmindelse kommer på tavlen.",
    ),
    MeetingSpec(
        -3 * W + 3, 45, ("kf", "ab", "cn", "ps", "sk", "lw"),
        "Karina styrede mødet for første gang. Andelen med fælles plan inden 8 uger er steget "
        "de seneste uger. Antallet af sager med mere end tre sagsbehandlere er uændret – "
        "den gennemgående sagsbehandler er ikke indført endnu.",
        "Susanne og Lars: den faste tirsdagstid er ikke længere en afprøvning, men den måde, "
        "vi arbejder på. To nye idéer på tavlen: tavlemøde mandag og byt plads en dag.",
    ),
    MeetingSpec(
        -W + 3, 50, ("kf", "ab", "jm", "cn", "ps", "lw"),
        "Signal på seriediagrammet: ni uger i træk under medianen for dage til første fælles "
        "samtale. Cyklus 2 kører; tjeklisten har gjort opkaldene kortere. Stedfortræderordningen "
        "er endnu ikke beskrevet.",
        "Vi fejrer resultatet på næste møde. Lars tager fordelingsnøglen for den gennemgående "
        "sagsbehandler med på afdelingsmødet.",
    ),
)


MEETING_STARTS = dt.time(12, 30)
"""Kaizen meetings start at 13.30 Danish time (12.30 UTC in winter)."""


@dataclass(frozen=True)
class MeetingItemSpec:
    meeting: int
    """Index into `MEETINGS`."""
    kind: MeetingItemKind
    ref: str | None
    title: str
    note: str
    decision: str


MEETING_ITEMS: tuple[MeetingItemSpec, ...] = (
    MeetingItemSpec(
        1, MeetingItemKind.CARD, "c_tuesday",
        "Fast tirsdagstid til fælles opstartssamtaler – afprøvet i 8 uger",
        "Alle tirsdage er holdt, undtagen to i ferien. Borgerne møder kun op én gang.",
        "Susanne og Lars: tirsdagstiden er standard – sådan gør vi her."),
    MeetingItemSpec(
        2, MeetingItemKind.SIGNAL, "m1",
        "Dage fra sygemelding til første fælles samtale – signal i den gode retning",
        "Ni uger i træk under medianen.", "Vi fejrer resultatet på næste møde."),
    MeetingItemSpec(
        2, MeetingItemKind.CYCLE, "cycle2",
        "Ring til borgeren i stedet for oplysningsskema – afprøvning 2",
        "Tjeklisten har gjort opkaldene kortere.", ""),
    MeetingItemSpec(
        2, MeetingItemKind.ACTION, None,
        "Beskrive stedfortræderordning ved ferie og sygdom – forsinket",
        "Ikke beskrevet endnu.", "Susanne sender et udkast inden næste møde."),
)
"""Agenda items with notes and decisions of the demo's meetings (the older minutes are in the
meetings' notes and decisions)."""


@dataclass(frozen=True)
class SuccessSpec:
    meeting: int
    card: str
    text: str


SUCCESS = SuccessSpec(1, "c_tuesday", "Den faste tirsdagstid er blevet standard")
"""The success celebrated when the steering group made the Tuesday slot the standard."""


@dataclass(frozen=True)
class DriverSpec:
    key: str
    kind: DriverKind
    text: str
    parent: str | None
    """The key of the node it hangs under (None: the aim)."""
    tests: tuple[tuple[DriverTestKind, str], ...] = ()
    """(kind, key) of the ideas, cards and cycles that test a change idea."""
    also: tuple[str, ...] = ()
    """Keys of the drivers a change idea serves besides its parent."""


_P, _S, _F = DriverKind.PRIMARY, DriverKind.SECONDARY, DriverKind.CHANGE_IDEA

DRIVERS: tuple[DriverSpec, ...] = (
    DriverSpec("d_start", _P, "Borgeren får hurtigt én fælles start", None),
    DriverSpec("d_slot", _S, "Fast tid, hvor alle tre enheder er klar", "d_start"),
    DriverSpec("f_tuesday", _F, "Fast tirsdagstid til fælles opstartssamtaler", "d_slot",
               ((DriverTestKind.CARD, "c_tuesday"), (DriverTestKind.IDEA, "i_tuesday"))),
    DriverSpec("f_standin", _F, "Stedfortræder ved ferie og sygdom", "d_slot"),
    DriverSpec("d_contact", _S, "Hurtig kontakt med borgeren efter sygemeldingen", "d_start"),
    DriverSpec("f_phone", _F, "Ring til borgeren i stedet for at sende oplysningsskema",
               "d_contact", ((DriverTestKind.CYCLE, "cycle1"),)),
    DriverSpec("f_sms", _F, "Sms-påmindelse dagen før samtalen", "d_contact",
               ((DriverTestKind.CARD, "c_sms"),)),
    DriverSpec("d_once", _P, "Borgeren fortæller sin historie én gang", None),
    DriverSpec("d_screen", _S, "Fælles screening og én fælles plan", "d_once"),
    DriverSpec("f_screening", _F, "Fælles screeningsskema for de tre enheder", "d_screen",
               ((DriverTestKind.CARD, "c_screening"),)),
    DriverSpec("f_file", _F, "Fælles sagsmappe i Momentum og Nexus", "d_screen",
               ((DriverTestKind.CARD, "c_file"),)),
    DriverSpec("d_know", _S, "Medarbejderne kender hinandens opgaver", "d_once"),
    DriverSpec("f_swap", _F, "Byt plads en dag", "d_know", ((DriverTestKind.CARD, "c_swap"),)),
    DriverSpec("f_huddle", _F, "Tavlemøde 15 minutter mandag morgen", "d_know",
               ((DriverTestKind.CARD, "c_huddle"),), ("d_slot",)),
    DriverSpec("d_fewer", _P, "Færre sagsbehandlere pr. borger", None),
    DriverSpec("d_one", _S, "Én fast kontaktperson på tværs af enhederne", "d_fewer"),
    DriverSpec("f_one", _F, "Én gennemgående sagsbehandler", "d_one",
               ((DriverTestKind.CARD, "c_one"),)),
)
"""The driver diagram: the aim is the charter's purpose and goals; three primary drivers,
their secondary drivers and the change ideas, tested by the board's cards and cycles."""

MEASURE_ROLES: dict[str, tuple[str, str | None]] = {
    "m1": ("outcome", None),
    "m2": ("process", "d_screen"),
    "m3": ("process", "d_fewer"),
}
"""Measure -> (role, the key of the node it is attached to; None: the aim)."""


@dataclass(frozen=True)
class BenefitSpec:
    title: str
    kind: BenefitKind
    status: BenefitStatus
    amount: float | None
    start: int
    end: int
    how: str
    measure: str | None = None
    unit: str = ""
    note: str = ""


BENEFITS: tuple[BenefitSpec, ...] = (
    BenefitSpec(
        "Færre uger på sygedagpenge", BenefitKind.KR, BenefitStatus.REALISED, 252_000.0,
        GO_LIVE, -1,
        "Dage til første fælles samtale faldt fra ca. 24 til ca. 13 (seriediagrammet). 35 "
        "borgere × 1,6 uge kortere forløb × 4.500 kr. i sygedagpenge pr. uge.", "m1"),
    BenefitSpec(
        "Sparede sygedagpenge det første år", BenefitKind.KR, BenefitStatus.EXPECTED,
        1_300_000.0, GO_LIVE, GO_LIVE + 364,
        "180 borgere om året × 1,6 uge kortere forløb × 4.500 kr. pr. uge (business casen "
        "fra styregruppemødet).", "m1"),
    BenefitSpec(
        "Færre timer på koordinering mellem enhederne", BenefitKind.HOURS,
        BenefitStatus.EXPECTED, 600.0, GO_LIVE, GO_LIVE + 364,
        "Ca. 20 minutter sparet pr. borger på mails og telefon mellem de tre enheder × 180 "
        "borgere om året × 10 opgaver.", None,
        note="Vi har ingen måling af tidsforbruget endnu – aftal en stikprøve."),
    BenefitSpec(
        "Flere borgere med fælles plan inden 8 uger", BenefitKind.QUALITY,
        BenefitStatus.REALISED, 15.0, GO_LIVE, -1,
        "Andelen steg fra ca. 35 % til ca. 50 % efter den nye arbejdsgang.", "m2",
        unit="procentpoint flere borgere"),
)
"""The demo's benefits: one realised and one expected in kroner, documented by the first
measure; expected hours that no measure documents yet (flagged); a realised quality gain."""

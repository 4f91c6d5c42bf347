/**
 * The shipped action cards, written from the city's plans (../shared/seeds/). Each step's
 * `source` names the document and quotes the passage; docs/action-cards.md lists them.
 */
import type { CardDefinition } from './model';

const P09 = 'Säkerhetsprogram 2009–2012, krisledningsorganisation';
const P20 = 'Säkerhetsprogram 2020–2023, krisberedskap';

export const DEFAULT_CARDS: readonly CardDefinition[] = [
  {
    id: 'director-serious',
    version: 1,
    title: 'Stadsdirektör vid allvarlig händelse',
    holder: { kind: 'role', role: 'director' },
    trigger: 'event_serious',
    steps: [
      {
        id: 'activate-ckl',
        text: 'Besluta vilka CKL-funktioner som ska aktiveras',
        guidance:
          'Hela eller delar av den centrala krisledningsorganisationen. Välj funktioner efter händelsens art.',
        deadlineMinutes: 30,
        fulfilledBy: { type: 'ckl.activated' },
        source: `${P09}, Allvarlig händelse: "Stadsdirektören beslutar om hela eller delar av den centrala krisorganisationen ska aktiveras."`,
      },
      {
        id: 'inform-chair',
        text: 'Informera krisledningsnämndens ordförande',
        guidance: 'Ange ordföranden bland de informerade i beslutet.',
        deadlineMinutes: 60,
        fulfilledBy: { type: 'decision.recorded', informed: 'ordförande' },
        source: `${P09}, Allvarlig händelse: "Stadsdirektören informerar ordförande."`,
      },
      {
        id: 'inform-presidium',
        text: 'Håll kommunstyrelsens presidium informerat',
        guidance: 'Ange presidiet bland de informerade i beslutet.',
        deadlineMinutes: 60,
        fulfilledBy: { type: 'decision.recorded', informed: 'presidi' },
        source: `${P09}, Allvarlig händelse: "kommunstyrelsens presidium ska hållas informerad."`,
      },
      {
        id: 'coordinate-communication',
        text: 'Samordna arbetet och kommunikationen',
        guidance: 'Utse vem som talar för staden och hur förvaltningarna informerar.',
        deadlineMinutes: 120,
        source: `${P09}, Allvarlig händelse: "ansvarar stadsdirektören för samordning av arbetet och kommunikationen."`,
      },
      {
        id: 'central-support',
        text: 'Ta ställning till centralt stöd',
        guidance: 'I samråd med berörda förvaltningar och bolag.',
        fulfilledBy: { type: 'event.centralSupportDecided' },
        source: `${P09}, Allvarlig händelse: "Beslut om centralt stöd fattas av stadsdirektör i samråd med berörda förvaltningar och bolag."`,
      },
      {
        id: 'reporting',
        text: 'Säkerställ rapporteringen från berörda förvaltningar och bolag',
        source: `${P09}, Allvarlig händelse: "Förvaltnings/bolagsdirektör ansvarar för kontakt med och rapportering till stadsdirektören."`,
      },
    ],
  },
  {
    id: 'tib-disruption',
    version: 1,
    title: 'TiB vid störning i stadsdelsområdet',
    holder: { kind: 'role', role: 'district_officer' },
    trigger: 'disruption_opened',
    steps: [
      {
        id: 'document',
        text: 'Dokumentera händelsen i dagboken',
        deadlineMinutes: 30,
        fulfilledBy: { type: 'log.written' },
        source: `${P09}, Störning: "Skriftlig dokumentation om händelsen ansvarar den aktuella verksamheten för."`,
      },
      {
        id: 'analyse',
        text: 'Analysera hur läget utvecklas och lämna lägesrapport',
        deadlineMinutes: 60,
        fulfilledBy: { type: 'district.reported' },
        source: `${P09}, Störning: "En analys av lägesutvecklingen ska alltid genomföras."`,
      },
      {
        id: 'action-plan',
        text: 'Ta fram förslag till åtgärdsplan',
        deadlineMinutes: 120,
        source: `${P09}, Störning: "Förslag till åtgärdsplan ska tas fram inom ramen för den interna kontrollen."`,
      },
      {
        id: 'central-support',
        text: 'Överväg att begära centralt stöd',
        guidance: 'Till exempel samordnad information, eller när fler än en förvaltning berörs.',
        fulfilledBy: { type: 'event.centralSupportRequested' },
        source: `${P09}, Störning: "En störning kan kräva centralt stöd, t ex samordnad information eller samordning när fler än en förvaltning eller bolag berörs."`,
      },
      {
        id: 'crisis-support',
        text: 'Ta ställning till krisstöd i området',
        guidance: 'Ange krisstödets läge i lägesrapporten.',
        source: `${P20}: "stadsdelsnämnderna ska ha en beredskap och organisation för att inom sitt geografiska område erbjuda krisstöd."`,
      },
    ],
  },
  {
    id: 'chair-extraordinary',
    version: 1,
    title: 'Ordförande vid extraordinär händelse',
    holder: { kind: 'role', role: 'chair' },
    trigger: 'extraordinary',
    steps: [
      {
        id: 'board-in-function',
        text: 'Kalla krisledningsnämnden att träda i funktion',
        deadlineMinutes: 60,
        source: `${P09}, Extraordinär händelse: "gör ordföranden bedömningen när en extraordinär händelse medför att nämnden ska träda i funktion och beslutar i sådana fall att så ska ske."`,
      },
      {
        id: 'report-urgent',
        text: 'Anmäl brådskande beslut till nämnden snarast',
        guidance: 'Gäller beslut fattade på nämndens vägnar.',
        fulfilledBy: { type: 'board.urgentDecisionReported' },
        source: `${P09}, Extraordinär händelse: "Sådana beslut ska därefter snarast anmälas till nämnden."`,
      },
      {
        id: 'takeover',
        text: 'Pröva om verksamhetsområden ska tas över',
        source: `${P09}, Extraordinär händelse: "Krisledningsnämnden får fatta beslut om att överta hela eller delar av verksamhetsområden från övriga nämnder."`,
      },
    ],
  },
  {
    id: 'lead-ckl',
    version: 1,
    title: 'Stabschef när CKL aktiveras',
    holder: { kind: 'role', role: 'ckl_lead' },
    trigger: 'ckl_activated',
    steps: [
      {
        id: 'briefing',
        text: 'Planera den första stabsgenomgången',
        deadlineMinutes: 30,
        fulfilledBy: { type: 'ckl.briefingScheduled' },
        source: `${P09}: "Som stöd för stadens krisledning och dess arbete finns fyra funktionsenheter."`,
      },
      {
        id: 'direction',
        text: 'Fatta inriktningsbeslut',
        deadlineMinutes: 120,
        fulfilledBy: { type: 'decision.recorded', kind: 'direction' },
        source: `${P20}: "Situationer som bedöms kräva centrala prioriteringar av resurser och en central inriktning ska samordnas av stadens centrala krisledning (CKL)."`,
      },
      {
        id: 'inform-chair',
        text: 'Håll krisledningsnämndens ordförande informerad',
        fulfilledBy: { type: 'decision.recorded', informed: 'ordförande' },
        source: `${P20}: "CKL ska i sin tur hålla krisledningsnämndens ordförande informerad."`,
      },
    ],
  },
  {
    id: 'fn-liaison',
    version: 1,
    title: 'Samverkansfunktionen vid aktivering',
    holder: { kind: 'function', fn: 'liaison' },
    trigger: 'function_activated',
    steps: [
      {
        id: 'contact',
        text: 'Kontakta berörda myndigheter och externa aktörer',
        deadlineMinutes: 30,
        fulfilledBy: { type: 'liaison.contactLogged' },
        source: `${P09}, Samverkansfunktionen: "samordna krisledningens behov av samverkan med myndigheter och externa aktörer."`,
      },
      {
        id: 'dependencies',
        text: 'Bevaka beroenden mellan parterna',
        source: `${P09}, Samverkansfunktionen: "bevaka beroenden parterna emellan."`,
      },
      {
        id: 'representative',
        text: 'Överväg representant hos central aktör',
        fulfilledBy: { type: 'liaison.representativePlaced' },
        source: `${P09}, Samverkansfunktionen: "arbeta för att företrädare för staden finns representerade vid de organisationer som är centrala för aktuell händelse."`,
      },
    ],
  },
  {
    id: 'fn-analysis',
    version: 1,
    title: 'Analysfunktionen vid aktivering',
    holder: { kind: 'function', fn: 'analysis' },
    trigger: 'function_activated',
    steps: [
      {
        id: 'sitrep',
        text: 'Samla in fakta och ta fram en lägesbild',
        deadlineMinutes: 60,
        fulfilledBy: { type: 'analysis.sitrepDrafted' },
        source: `${P09}, Analysfunktionen: "följa händelseutvecklingen, samla in fakta, information och analysera händelsen."`,
      },
      {
        id: 'consequences',
        text: 'Ta fram konsekvensanalys med handlingsalternativ',
        deadlineMinutes: 180,
        fulfilledBy: { type: 'analysis.consequencesRecorded' },
        source: `${P09}, Analysfunktionen: "ta fram långsiktiga konsekvensanalyser ... ge förslag till inriktning av insatser, olika handlingsalternativ och åtgärder."`,
      },
    ],
  },
  {
    id: 'fn-information',
    version: 1,
    title: 'Informationsfunktionen vid aktivering',
    holder: { kind: 'function', fn: 'information' },
    trigger: 'function_activated',
    steps: [
      {
        id: 'first-message',
        text: 'Informera medarbetare, allmänhet och medier',
        deadlineMinutes: 60,
        fulfilledBy: { type: 'information.messagePublished' },
        source: `${P09}, Informationsfunktionen: "målgruppsanpassa och informera medarbetare, allmänhet och medier via de stadsövergripande kanalerna."`,
      },
      {
        id: 'media',
        text: 'Starta mediebevakning',
        deadlineMinutes: 60,
        fulfilledBy: { type: 'information.mediaLogged' },
        source: `${P09}, Informationsfunktionen: "ansvara för mediebevakning och att genomföra analys av mediernas rapportering."`,
      },
      {
        id: 'press',
        text: 'Planera presskonferens vid behov',
        fulfilledBy: { type: 'information.pressConferenceScheduled' },
        source: `${P09}, Informationsfunktionen: "anordna presskonferenser och skriva pressmeddelanden."`,
      },
    ],
  },
  {
    id: 'fn-admin',
    version: 1,
    title: 'Administrativa funktionen vid aktivering',
    holder: { kind: 'function', fn: 'admin' },
    trigger: 'function_activated',
    steps: [
      {
        id: 'site',
        text: 'Ställ i ordning uppehållsplatsen',
        deadlineMinutes: 60,
        fulfilledBy: { type: 'administration.staffSiteSet' },
        source: `${P09}, Administrativa funktionen: "planera och ställa i ordning uppehållsplatsen för krisledningsorganisationen."`,
      },
      {
        id: 'shifts',
        text: 'Upprätta tjänstgöringsschema',
        deadlineMinutes: 120,
        fulfilledBy: { type: 'administration.shiftAdded' },
        source: `${P09}, Administrativa funktionen: "ansvara för ekonomiadministration, tjänstgöringsscheman."`,
      },
      {
        id: 'crisis-support',
        text: 'Följ upp behov av krisstöd för medarbetare',
        source: `${P09}, Administrativa funktionen: "följa upp behov av krisstöd och förmedla uppdrag till företagshälsovården."`,
      },
      {
        id: 'costs',
        text: 'Börja registrera kostnader',
        fulfilledBy: { type: 'administration.costRecorded' },
        source: `${P09}, Administrativa funktionen: "ansvara för ekonomiadministration."`,
      },
    ],
  },
  {
    id: 'director-heightened',
    version: 1,
    title: 'Stadsdirektör vid höjd beredskap',
    holder: { kind: 'role', role: 'director' },
    trigger: 'heightened_alert',
    steps: [
      {
        id: 'read-decision',
        text: 'Läs regeringens beslut och vad det kräver av staden',
        deadlineMinutes: 60,
        source: `${P20}: "Om regeringen beslutar om höjd beredskap ska staden förhålla sig till beslutet på det sätt som anges i beslutet."`,
      },
      {
        id: 'activate-ckl',
        text: 'Besluta om CKL ska aktiveras',
        fulfilledBy: { type: 'ckl.activated' },
        source: `${P20}: "Situationer som bedöms kräva centrala prioriteringar av resurser och en central inriktning ska samordnas av stadens centrala krisledning (CKL)."`,
      },
    ],
  },
  {
    id: 'leader-exercise',
    version: 1,
    title: 'Övningsledare när övningen startar',
    holder: { kind: 'named' },
    trigger: 'exercise_started',
    steps: [
      {
        id: 'objectives',
        text: 'Gå igenom övningsmålen med deltagarna',
        deadlineMinutes: 15,
        source: `${P20}: "Hanteringen ska ske med utgångspunkt i väldokumenterade och inövade planer och instruktioner."`,
      },
      {
        id: 'first-inject',
        text: 'Leverera det första inspelet',
        fulfilledBy: { type: 'exercise.injectDelivered' },
        source: `${P20}: "Det ska också finnas dokumenterade, kända och övade larmvägar och inkallningssystem."`,
      },
    ],
  },
  {
    id: 'alarmed-person',
    version: 1,
    title: 'När ett larm når mig',
    holder: { kind: 'named' },
    trigger: 'alarm_received',
    steps: [
      {
        id: 'answer',
        text: 'Svara på larmet: kommer (med beräknad ankomsttid) eller kan inte',
        guidance:
          'Svara i konsolen eller via länken i meddelandet, så att den som larmade vet vilka som kommer.',
        deadlineMinutes: 10,
        source: `${P09}, Larmning: "Väl fungerande larmrutiner är avgörande för en snabb och effektiv krishantering."`,
      },
      {
        id: 'handover',
        text: 'Ta del av läget och av överlämningen från den du avlöser',
        guidance: 'Läs händelsens logg och senaste lägesrapport innan du tar över.',
        deadlineMinutes: 30,
        source: `${P09}, Planering för uthållighet, inkallning: "Korrekt överlämnande och rätt information vid avlösning är av största vikt."`,
      },
      {
        id: 'plans',
        text: 'Öppna de planer och instruktioner som gäller för din roll',
        guidance: 'Biblioteket har stadens planer; de är sparade för telefonen även utan nät.',
        source: `${P20}: "Hanteringen ska ske med utgångspunkt i väldokumenterade och inövade planer och instruktioner som ska vara kända och lättillgängliga hos samtliga nämnder och bolagsstyrelser."`,
      },
      {
        id: 'endurance',
        text: 'Säg till när du behöver avlösas',
        guidance: 'Ange hur länge du kan tjänstgöra, så att avlösning kan planeras.',
        source: `${P09}, Planering för uthållighet, inkallning: "Kriser kräver uthållighet."`,
      },
    ],
  },
];

// The UI's words in English and Kiswahili. Every string the user reads comes from here.
export type Lang = "en" | "sw";

const en = {
  app: "Rudi",
  signIn: "Sign in",
  signOut: "Sign out",
  username: "Username",
  password: "Password",
  code: "Code from your authenticator app",
  verify: "Verify",
  cohorts: "Cohorts",
  board: "Board",
  embassySide: "Embassy",
  homeSide: "Home",
  people: "people",
  days: "days in stage",
  minor: "minor",
  medical: "medical",
  onHold: "on hold",
  live: "Live",
  connecting: "Connecting…",
  reconnecting: "Reconnecting…",
  stale: "Not live: reload",
  language: "Kiswahili",
  noCohorts: "No cohorts you may see yet.",
  signInFailed: "Sign-in failed",
  stages: {
    reported: "Reported", located: "Located", verified: "Verified", interviewed: "Interviewed",
    documented: "Documented", cleared: "Cleared", departed: "Departed", arrived: "Arrived",
    received: "Received", referred: "Referred", reunited: "Reunited", reintegrating: "Reintegrating", closed: "Closed",
  },
  roles: {
    embassy_officer: "Embassy officer", ministry_officer: "Ministry desk officer", prosecutor: "Prosecutor",
    administrator: "Administrator", auditor: "Auditor",
  },
};

export type Strings = typeof en;

const sw: Strings = {
  app: "Rudi",
  signIn: "Ingia",
  signOut: "Toka",
  username: "Jina la mtumiaji",
  password: "Nenosiri",
  code: "Msimbo kutoka programu yako ya uthibitishaji",
  verify: "Thibitisha",
  cohorts: "Makundi",
  board: "Ubao",
  embassySide: "Ubalozi",
  homeSide: "Nyumbani",
  people: "watu",
  days: "siku katika hatua",
  minor: "mtoto",
  medical: "matibabu",
  onHold: "imesimamishwa",
  live: "Moja kwa moja",
  connecting: "Inaunganisha…",
  reconnecting: "Inaunganisha upya…",
  stale: "Si moja kwa moja: pakia upya",
  language: "English",
  noCohorts: "Bado hakuna makundi unayoweza kuona.",
  signInFailed: "Kuingia kumeshindikana",
  stages: {
    reported: "Imeripotiwa", located: "Amepatikana", verified: "Amethibitishwa", interviewed: "Amehojiwa",
    documented: "Ana hati", cleared: "Ameruhusiwa", departed: "Ameondoka", arrived: "Amewasili",
    received: "Amepokelewa", referred: "Amepelekwa", reunited: "Ameunganishwa na familia",
    reintegrating: "Anarejea katika jamii", closed: "Imefungwa",
  },
  roles: {
    embassy_officer: "Afisa wa ubalozi", ministry_officer: "Afisa wa wizara", prosecutor: "Mwendesha mashtaka",
    administrator: "Msimamizi", auditor: "Mkaguzi",
  },
};

export const strings: Record<Lang, Strings> = { en, sw };

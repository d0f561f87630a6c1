import { isPersonName } from '../../../src/security/person-name';

// SEC-USERTYPE (RULES.md): real names in their many forms pass ...
const PERSON_NAMES = [
  'Hansen, Mette',
  'Anne-Marie Østergård',
  'Mette Hansen (MHA)',
  "Jean-Luc O'Neill",
  'Søren Kierkegaard',
  'Ólafur Arnalds',
  'Mette F. Hansen',
  'van der Berg, Jan',
  'Åse Ærø',
  'Mette Hansen',
  'Jens Peter Jensen',
  'Hans Christian Andersen',
  'Lars Løkke Rasmussen',
  'Karen Blixen-Finecke',
  'Hansen, Mette Frederikke',
  'Hansen, Mette (MHA)',
  'Hansen,Mette',
  'Mette Frederiksen ( mefr )',
  'Mette Hansen (mha1)',
  'M. Hansen',
  'J.K. Rowling',
  'Zoë Saldaña',
  'José María Aznar',
  'Björn Ulvaeus',
  'Nguyễn Văn An',
  'Chloé D’Arcy',
  'Ahmad Al-Sayed',
  'Dorthe la Cour',
  'Jan van der Berg',
  'Łukasz Żółkowski',
  'Ivan Petrović',
  'Иван Петров',
  'METTE HANSEN',
  'mette hansen',
  '  Mette   Hansen  ',
  'Mette\tHansen',
  'O\u0301lafur Arnalds', // decomposed accent, as some clients send it
  'Anne-Sofie Bæk-Nielsen',
  'Testrup Jensen, Ib',
  'Lars Kommunesen',
  'Karen Systemsen Batchelor',
];

// ... and anything but a person does not.
const NOT_PERSON_NAMES = [
  'Jobcenter Aarhus',
  'KSS Batch',
  'System',
  'Unknown',
  'Ukendt',
  '',
  '   ',
  'Mette',
  'Administrator',
  'Batch Job 7',
  'SYSTEM USER',
  'Integration Service',
  'N/A',
  'test',
  '1234 5678',
  'Unknown User',
  'UNKNOWN USER',
  'Ukendt Person',
  'Ukendt Sagsbehandler',
  'Aarhus Kommune',
  'Jobcentret Aarhus',
  'A-kasse 17',
  'Test Testesen',
  'KSS nightly sync',
  'Nightly Batch',
  'Systembruger Aarhus',
  'Default User',
  'Admin Bruger',
  'Anonymous Caseworker',
  'Ikke Angivet',
  'null null',
  'CVR:12345678',
  'Mette Hansen2',
  'Mette Hansen:',
  'mette.hansen@aarhus.dk',
  'Hansen,',
  ', Mette',
  'Hansen, Mette, Jens',
  'Mette (MHA)',
  'J. K.',
  '-- --',
  'Mette _Hansen',
  'Jobnet Borger',
];

describe('SEC-USERTYPE: isPersonName', () => {
  it('has at least 30 names each way', () => {
    expect(PERSON_NAMES.length).toBeGreaterThanOrEqual(30);
    expect(NOT_PERSON_NAMES.length).toBeGreaterThanOrEqual(30);
  });

  it.each(PERSON_NAMES)('When a caseworker is named %j, then it is a person', (name) => {
    expect(isPersonName(name)).toBe(true);
  });

  it.each(NOT_PERSON_NAMES)('When a caseworker is named %j, then it is not a person', (name) => {
    expect(isPersonName(name)).toBe(false);
  });
});

/**
 * The `longitude` command. Each sub-command is a thin shell over the rooms; this file only
 * parses arguments, and turns a Problem into one line on stderr and a non-zero exit.
 */
import { Command, CommanderError } from 'commander';
import { formatPlace, isProblem } from '../problems/problem.js';
import { analyze } from './commands/analyze.js';
import { links } from './commands/links.js';
import { questionnaireCheck } from './commands/questionnaire-check.js';
import {
  questionnaireImport,
  type QuestionnaireImportFlags,
} from './commands/questionnaire-import.js';
import { responsesShow } from './commands/responses.js';
import { serve } from './commands/serve.js';
import { keysGenerate, studySetKey } from './commands/keys.js';
import {
  invitationsBounced,
  invitationsPrepare,
  invitationsRemind,
  type DeliveryFlags,
} from './commands/invitations.js';
import { studyList, studyLoad, studyShow } from './commands/study.js';
import { fieldworkStatusCommand, type FieldworkStatusFlags } from './commands/fieldwork-status.js';
import { panelTable, type PanelTableFlags } from './commands/panel-table.js';
import { panelistErase, type PanelistEraseFlags } from './commands/panelist.js';
import { demo } from './commands/demo.js';
import { exportCommand, type ExportFlags } from './commands/export.js';
import { report, type ReportFlags } from './commands/report.js';
import { simulate, type SimulateFlags } from './commands/simulate.js';
import {
  qualityAttrition,
  qualityDecide,
  qualityReportCommand,
  qualityRun,
} from './commands/quality.js';
import { processIo, type Io } from './io.js';

export interface DatabaseFlags {
  databaseUrl?: string;
  data?: string;
}

function program(io: Io, setExit: (code: number) => void): Command {
  const run =
    <A extends unknown[]>(fn: (...args: A) => Promise<number>) =>
    async (...args: A): Promise<void> => {
      setExit(await fn(...args));
    };
  const root = new Command('longitude')
    .description('Longitudinal online panel surveys of people on the move.')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .exitOverride()
    .hook('preAction', (_root, action) => {
      const words: string[] = [];
      for (let c: Command | null = action; c; c = c.parent) words.unshift(c.name());
      io.command = words.join(' ');
    });
  const db = (c: Command): Command =>
    c
      .option(
        '--database-url <url>',
        'PostgreSQL server to use (default: DATABASE_URL, else embedded)',
      )
      .option(
        '--data <dir>',
        'folder of the embedded database (default: LONGITUDE_DATA or ./longitude-data)',
      );

  db(root.command('serve'))
    .description('start the web server (respondent survey and researcher API)')
    .option('--port <port>', 'port to listen on (default: PORT or 3000)')
    .option('--host <host>', 'interface to listen on (default: HOST or 127.0.0.1)')
    .option(
      '--example',
      'the example study (examples/exile-panel): on first start also simulated data, quality checks and its report',
    )
    .option('--empty', 'with --example: the study without simulated data (or LONGITUDE_EMPTY=1)')
    .option(
      '--workers <n>',
      'server processes sharing the port, PostgreSQL only (default: LONGITUDE_WORKERS or 1)',
    )
    .option(
      '--trust-proxy <hops|addresses>',
      'behind a reverse proxy: how many proxies, or their addresses, to believe X-Forwarded-For from (default: LONGITUDE_TRUST_PROXY, else none)',
    )
    .action(
      run(
        (
          o: DatabaseFlags & {
            port?: string;
            host?: string;
            example?: boolean;
            empty?: boolean;
            workers?: string;
            trustProxy?: string;
          },
        ) => serve(o, io),
      ),
    );

  const questionnaire = root.command('questionnaire').description('questionnaire files');
  questionnaire
    .command('check')
    .description(
      'check study and questionnaire files; prints every problem with file, line and column',
    )
    .argument('<files...>', 'study folders, study files or questionnaire files')
    .option('--json', 'print the result as JSON')
    .action(run((files: string[], o: { json?: boolean }) => questionnaireCheck(files, o, io)));
  questionnaire
    .command('import')
    .description(
      'read an XLSForm (.xlsx: survey, choices and settings sheets) and write a Longitude questionnaire; prints what could not be imported, row by row',
    )
    .argument('<form>', 'the XLSForm, an .xlsx file')
    .requiredOption('--out <file>', 'the questionnaire file to write (YAML)')
    .option(
      '--wave <id>',
      "the wave id (default: the study file's wave for --out beside it, else the file's name)",
    )
    .option('--force', 'replace --out when it exists')
    .option('--json', 'print the result as JSON')
    .action(run((form: string, o: QuestionnaireImportFlags) => questionnaireImport(form, o, io)));

  const study = root.command('study').description('studies in the database');
  db(study.command('load'))
    .description('create or update a study from its folder (checks everything first)')
    .argument('<dir>', 'the study folder (study.yaml and one questionnaire per wave)')
    .option('--json', 'print the result as JSON')
    .action(run((dir: string, o: DatabaseFlags & { json?: boolean }) => studyLoad(dir, o, io)));
  db(study.command('list'))
    .description('list loaded studies')
    .option('--json', 'print the result as JSON')
    .action(run((o: DatabaseFlags & { json?: boolean }) => studyList(o, io)));
  db(study.command('set-key'))
    .description("register the study's public key (made by 'longitude keys generate')")
    .argument('<study>', 'study id, e.g. exile-panel')
    .requiredOption('--key <file>', 'the public key file (NAME.public.key)')
    .action(run((id: string, o: DatabaseFlags & { key: string }) => studySetKey(id, o, io)));
  root
    .command('keys')
    .description("a study's key pair, made on the research team's machine")
    .command('generate')
    .description('make a key pair: NAME.public.key for the server, NAME.private.key for you only')
    .requiredOption('--out <dir>', 'folder to write the two key files to')
    .option('--name <name>', 'file name stem (default: study)')
    .action(run((o: { out: string; name?: string }) => keysGenerate(o, io)));
  db(study.command('show'))
    .description('show a study: waves, questionnaire versions, channels, responses')
    .argument('<study>', 'study id, e.g. exile-panel')
    .option('--json', 'print the result as JSON')
    .action(run((id: string, o: DatabaseFlags & { json?: boolean }) => studyShow(id, o, io)));
  db(root.command('links'))
    .description("print every recruitment channel's open link for a wave")
    .requiredOption('--study <study>', 'study id, e.g. exile-panel')
    .requiredOption('--wave <wave>', 'wave id, e.g. wave-1')
    .option(
      '--base <url>',
      'public address of the server (default: LONGITUDE_PUBLIC_URL, else http://HOST:PORT)',
    )
    .option('--json', 'print the result as JSON')
    .action(
      run((o: DatabaseFlags & { study: string; wave: string; base?: string; json?: boolean }) =>
        links(o, io),
      ),
    );

  const invitations = root
    .command('invitations')
    .description(
      "invite panelists to a wave, on the research team's machine (needs the private key)",
    );
  const delivery = (c: Command): Command =>
    db(c)
      .requiredOption('--study <study>', 'study id')
      .requiredOption('--wave <wave>', 'the wave to invite to')
      .requiredOption('--key <file>', "the study's private key file (NAME.private.key)")
      .option(
        '--links <file>',
        'write personal links for messenger handles to this file (mode 600)',
      )
      .option('--relist', 'with --links: list again every listed link not yet used (a lost file)')
      .option(
        '--smtp <url>',
        'SMTP server for mail, smtp://user:password@host:587 (default: LONGITUDE_SMTP_URL)',
      )
      .option('--public-url <url>', 'address respondents use (default: LONGITUDE_PUBLIC_URL)')
      .option('--rate <n>', 'at most this many mails per second (default 20)')
      .option('--connections <n>', 'parallel SMTP connections (default 4)')
      .option('--attempts <n>', 'tries per mail before it counts as failed (default 4)')
      .option('--retry-delay <seconds>', 'wait before the first retry, doubled after (default 30)')
      .option('--json', 'print the result as JSON');
  delivery(invitations.command('prepare'))
    .description(
      'make one single-use personal link per panelist with a contact, send the mails and write the messenger links; run again to carry on after an interruption',
    )
    .action(run((o: DeliveryFlags) => invitationsPrepare(o, io)));
  delivery(invitations.command('remind'))
    .description(
      'remind invited panelists who have not completed the wave after --after days, at most --max times',
    )
    .requiredOption('--after <days>', 'days since the last invitation or reminder')
    .requiredOption('--max <n>', 'at most this many reminders per panelist')
    .action(run((o: DeliveryFlags & { after: string; max: string }) => invitationsRemind(o, io)));

  db(invitations.command('bounced'))
    .description(
      'record bounces that came back later by mail: every address found in FILE (pasted bounce messages will do) is matched locally with the contacts',
    )
    .requiredOption('--study <study>', 'study id')
    .requiredOption('--wave <wave>', 'the wave the mails invited to')
    .requiredOption('--key <file>', "the study's private key file (NAME.private.key)")
    .requiredOption('--file <file>', 'text holding the bounced addresses')
    .option('--json', 'print the result as JSON')
    .action(
      run(
        (
          o: DatabaseFlags & {
            study: string;
            wave: string;
            key: string;
            file: string;
            json?: boolean;
          },
        ) => invitationsBounced(o, io),
      ),
    );

  const quality = root
    .command('quality')
    .description(
      'data quality: flags with reasons, decisions, exclusion flow (nothing is deleted)',
    );
  db(quality.command('run'))
    .description("check every response against the study's quality rules and store the flags")
    .requiredOption('--study <study>', 'study id')
    .option('--rules <file>', 'the rules file (default: the one the study was last checked with)')
    .option('--wave <wave>', 'print only this wave')
    .option('--json', 'print the result as JSON')
    .action(
      run((o: DatabaseFlags & { study: string; rules?: string; wave?: string; json?: boolean }) =>
        qualityRun(o, io),
      ),
    );
  db(quality.command('report'))
    .description("print each wave's exclusion flow: how many enter and leave each step, and why")
    .requiredOption('--study <study>', 'study id')
    .option('--wave <wave>', 'only this wave')
    .option('--json', 'print the result as JSON')
    .action(
      run((o: DatabaseFlags & { study: string; wave?: string; json?: boolean }) =>
        qualityReportCommand(o, io),
      ),
    );
  db(quality.command('attrition'))
    .description(
      'compare the first-wave answers of invited panelists who responded to the next wave with those who did not (chi-square, Welch t, Mann-Whitney)',
    )
    .requiredOption('--study <study>', 'study id')
    .requiredOption(
      '--variables <list>',
      'NAME:KIND,... with KIND categorical, numeric or scale, e.g. gender:categorical,birth_year:numeric',
    )
    .option('--from <wave>', 'the earlier wave (default: the first)')
    .option('--to <wave>', 'the later wave (default: the last)')
    .option('--json', 'print the result as JSON')
    .action(
      run(
        (
          o: DatabaseFlags & {
            study: string;
            variables: string;
            from?: string;
            to?: string;
            json?: boolean;
          },
        ) => qualityAttrition(o, io),
      ),
    );
  db(quality.command('decide'))
    .description('keep or drop a response whatever its flags; outlives every re-run')
    .requiredOption('--study <study>', 'study id')
    .requiredOption('--response <id>', 'response id')
    .option('--keep', 'keep it')
    .option('--drop', 'drop it')
    .requiredOption('--note <text>', 'why')
    .option('--by <name>', 'who decides (default: USER)')
    .action(
      run(
        (
          o: DatabaseFlags & {
            study: string;
            response: string;
            keep?: boolean;
            drop?: boolean;
            note: string;
            by?: string;
          },
        ) => qualityDecide(o, io),
      ),
    );

  const responses = root.command('responses').description('stored responses');
  db(responses.command('show'))
    .description(
      'print stored responses: answers, status, completion share, page log, channel, language',
    )
    .requiredOption('--study <study>', 'study id')
    .option('--wave <wave>', 'only this wave')
    .option('--json', 'print the result as JSON')
    .action(
      run((o: DatabaseFlags & { study: string; wave?: string; json?: boolean }) =>
        responsesShow(o, io),
      ),
    );
  db(root.command('fieldwork').description('fieldwork of a study').command('status'))
    .description(
      'panel dispositions, AAPOR codes and response rates, retention, and how responses came in, per wave',
    )
    .requiredOption('--study <study>', 'study id')
    .option('--wave <wave>', 'only this wave')
    .option(
      '--e <share>',
      'share of cases of unknown eligibility taken to be eligible, 0 to 1 (default: estimated)',
    )
    .option('--partials', 'retention counts partial responses as completed too')
    .option('--json', 'print the result as JSON')
    .action(run((o: FieldworkStatusFlags) => fieldworkStatusCommand(o, io)));
  db(root.command('panel').description('linked panel data').command('table'))
    .description("the panelists' responses linked across waves, as CSV (long or wide form)")
    .requiredOption('--study <study>', 'study id')
    .requiredOption(
      '--form <form>',
      'long (a row per panelist and wave) or wide (a row per panelist)',
    )
    .option('--out <file>', 'write the CSV to this file (default: standard output)')
    .option('--json', 'print the result as JSON')
    .action(run((o: PanelTableFlags) => panelTable(o, io)));
  db(root.command('panelist').description('one panelist of a study').command('erase'))
    .description(
      'delete everything a panelist gave, on their request (without --yes: only say what would go)',
    )
    .requiredOption('--study <study>', 'study id')
    .option('--panel-code <words>', 'the six words of their panel code')
    .option('--contact <address>', 'the email address or messenger handle they left (needs --key)')
    .option('--key <file>', "the study's private key file (NAME.private.key), with --contact")
    .option('--yes', 'erase; without it nothing is changed')
    .option('--json', 'print the result as JSON')
    .action(run((o: PanelistEraseFlags) => panelistErase(o, io)));
  db(root.command('simulate'))
    .description(
      'simulated respondents for a wave, page by page through the survey on a simulated clock, with planted problems',
    )
    .requiredOption('--study <study>', 'study id')
    .requiredOption('--wave <wave>', 'wave id')
    .requiredOption('--n <n>', 'responses to start, returning panelists included')
    .requiredOption('--seed <seed>', 'seed: the same seed gives the same respondents')
    .option('--rate <share>', 'share of new respondents with each planted problem (default 0.04)')
    .option('--panel <file>', "an earlier wave's --truth file: its panelists are invited back")
    .option('--truth <file>', 'write the ground truth (per response) and the panel as JSON')
    .option('--start <date>', 'first day of fieldwork when the wave has no dates')
    .option('--days <n>', 'days of fieldwork when the wave has no dates (default 14)')
    .option('--json', 'print the counts as JSON')
    .action(run((o: SimulateFlags) => simulate(o, io)));
  db(root.command('demo'))
    .description(
      'the example study with both waves simulated, checked and reported (reuses data already there)',
    )
    .requiredOption('--out <dir>', 'folder to write the report into')
    .action(run((o: DatabaseFlags & { out: string }) => demo(o, io)));
  db(root.command('export'))
    .description(
      'a sample of the responses as CSV, SPSS, Stata or Parquet, or its codebook (DDI, HTML, Markdown); --public for a public-use file',
    )
    .requiredOption('--study <study>', 'study id')
    .requiredOption(
      '--format <format>',
      'csv, csv-labels, sav, dta, parquet, ddi (DDI Codebook 2.5 XML), codebook (HTML) or codebook-md',
    )
    .requiredOption('--out <file>', 'the file to write')
    .option('--wave <wave>', 'the wave (default: the latest; not for --sample panel)')
    .option(
      '--sample <sample>',
      'kept (what the quality rules keep, default), all (every complete response) or panel',
    )
    .option(
      '--form <form>',
      'with --sample panel: wide (a row per panelist, default) or long (a row per panelist and wave)',
    )
    .option('--where <expression>', 'only the rows where the expression is true')
    .option('--lang <language>', 'language of labels (default en)')
    .option('--bom', 'CSV: a byte-order mark first, for spreadsheet programs')
    .option('--public', 'a public-use file: free text dropped, new ids, rare answers grouped')
    .option(
      '--k <k>',
      'with --public: answers given by fewer than k respondents are grouped (default 5)',
    )
    .option('--json', 'print what was written as JSON')
    .action(run((o: ExportFlags) => exportCommand(o, io)));
  db(root.command('report'))
    .description(
      'build a report from a spec: one HTML page, figures as SVG and PNG, the data behind each, every computed value',
    )
    .requiredOption('--study <study>', 'study id')
    .requiredOption('--spec <file>', 'report spec (YAML), see docs/reports.md')
    .requiredOption('--out <dir>', 'folder to write the report into')
    .option('--lang <language>', "one of the spec's languages (default: its first)")
    .option('--pdf', 'also print report.pdf with Chromium, when it is installed')
    .option('--json', 'print what was written as JSON')
    .action(run((o: ReportFlags) => report(o, io)));
  root
    .command('analyze')
    .description('run the analyses of a spec on a CSV file (no study or database needed)')
    .requiredOption('--data <file>', 'CSV file, first line the variable names')
    .requiredOption('--spec <file>', 'analysis spec (YAML or JSON), see docs/analysis.md')
    .option('--json', 'print the results as JSON')
    .action(run((o: { data: string; spec: string; json?: boolean }) => analyze(o, io)));
  return root;
}

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  let code = 0;
  const root = program(io, (c) => (code = c));
  try {
    if (argv.length === 0) {
      root.outputHelp();
      return 1;
    }
    await root.parseAsync(argv, { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (isProblem(error)) {
      const where = formatPlace(error.place);
      io.err(
        `longitude: ${error.message}${where && !error.message.includes(where) ? ` (${where})` : ''}`,
      );
      return 1;
    }
    io.err(
      `longitude: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return 70;
  }
}

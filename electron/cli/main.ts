import { toErrorShape } from '@shared/errors';
import { parseArguments } from './arguments';
import { refuseUnknownFlags } from './command-flags';
import { exitWhenFlushed } from './output';

const USAGE = `Usage: npm run bonemet -- <command> [options]

Commands:
  import <path...>        index DICOM files and folders (DICOMDIR followed); unchanged files are skipped
  studies [text]          list studies, optionally matching a name, ID, accession or description
  series <studyUID>       list the series of a study
  serve                   the browser mode on 127.0.0.1 (first line of output: the URL with its token)
  start                   the Electron app, or the browser mode where Electron cannot run
  reader [set <initials> <name> [--role R]]   who is reading at this workstation; R: radiologist (default),
                                          surgeon, neurosurgeon, radiation-oncologist, interventional-radiologist
                                          (reviewing specialists: record decisions, no lesions) or researcher
  lesions list [--study UID] [--all]      lesions with their scores and urgency (yours, or --all readers')
  lesions add --study UID --in FILE       store lesion records (JSON) as the signed-in reader, never as another; all or none;
                                          an entry {lesion, revision} (as lesions list --json prints it) is refused if saved since
  lesions delete <id> [--revision N]      delete one of your lesions; its measurements stay, unlinked; its reviews go
  lesions import-sr <file> [--replace]    restore an SR this app wrote, of your own records only; never over newer edits or later deletions unless --replace
  score --in FILE                         scores of lesion records, without storing them
  worklist [--urgency L,L] [--site spine|bone] [--reviewed yes|no] [--reader AB] [--from D] [--to D] [--text T] [--sort S]
                                          flagged lesions of the team, most urgent first (rows name their reader and workstation)
  export csv|json --study UID --out DIR   the lesion table (lesions.csv or lesions.json) and its column schema
  export referral --study UID --out DIR [--all] [--non-clinical]   the referral packet (PDF) for the flagged lesions
  export fhir --study UID --out DIR [--all]   a FHIR R4 referral bundle
  export sr --study UID --out DIR [--no-pacs] [--reader AB]   the findings as a DICOM SR (TID 1500); sent to the configured PACS too
  export seg --study UID --out DIR        the lesions' drawn areas as DICOM SEG
  export stow --study UID --url URL --in FILE|DIR [--user=NAME]   send DICOM files of the study to a PACS (STOW-RS, then QIDO-RS)
  export dataset --study UID [--study UID...] --out DIR [--date-shift] [--nifti]
                                          a de-identified research dataset (PS3.15 Basic Profile)
                                          (every export runs as the app's export job: same files and checks,
                                          progress on stderr, --lesion ID to choose lesions, Ctrl-C cancels)
  pacs set --url URL [--auth-header H] [--trust-certificate FILE.pem] [--sync-interval S]
                                          the team's DICOMweb PACS (header also from BONEMET_PACS_AUTH_HEADER; kept for that URL
                                          only) and how often the running app syncs with it (seconds)
  pacs get                                the configured PACS (the header's scheme, never its secret) and the sync interval
  pacs studies [text] [--name N] [--id ID] [--accession A] [--description D] [--modality M] [--from D] [--to D] [--offset N] [--limit N]
                                          one page of the PACS's matching studies (QIDO-RS)
  pacs series <studyUID>                  the series of a study on the PACS
  pacs retrieve <studyUID> [--series UID] bring a study or series into this workstation (WADO-RS); run again to resume
  pacs cache [--limit-gb N]               the cache of retrieved studies; least recently opened are evicted past the limit
  analyze bone --series UID --at X,Y,Z [--contralateral X,Y,Z] [--calibration "X,Y,Z,R,D;..."]
                                          cortical involvement and rigidity (CTRA, experimental) of the long bone
                                          at a point (patient mm) of a CT series; progress on stderr; --calibration:
                                          a calibration phantom's inserts (centre, radius mm, ash density g/cm3)
  sync                                    publish what waits, then fetch the team's new findings and decisions (exit 1 if anything failed)
  outbox                                  what waits to be sent to the PACS, and why
  review add <lesionId> --decision D [--comment C] [--revision N]   a reviewing specialist's decision: prophylactic-fixation,
                                          stabilisation-decompression, radiotherapy, vertebral-augmentation-or-ablation,
                                          observe, more-imaging, other
  backup [--list]                         a checked backup of the database now (10 kept), or the list; refused while the audit log does not chain
  restore <backup file>                   replace the database with a checked backup whose audit log chains; refused while the app or a command has it open

Options:
  --data-dir DIR          the data folder (default: BONEMET_DATA_DIR, else the per-user app data folder)
  --json                  machine-readable output
  --port N, --no-open, --root DIR    for serve
  --                      ends the options: what follows is a file or text even if it starts with "--"`;

type Command = (args: ReturnType<typeof parseArguments>) => Promise<void>;

// Each command loads only what it needs: start-up time is most of a quick command's time.
const commands: Record<string, () => Promise<Command>> = {
  import: async () => (await import('./commands/import-command')).importCommand,
  studies: async () => (await import('./commands/study-commands')).studiesCommand,
  series: async () => (await import('./commands/study-commands')).seriesCommand,
  serve: async () => (await import('./commands/serve-command')).serveCommand,
  start: async () => (await import('./commands/start-command')).startCommand,
  lesions: async () => (await import('./commands/lesion-commands')).lesionsCommand,
  score: async () => (await import('./commands/lesion-commands')).scoreCommand,
  reader: async () => (await import('./commands/lesion-commands')).readerCommand,
  export: async () => (await import('./commands/export-command')).exportCommand,
  worklist: async () => (await import('./commands/worklist-command')).worklistCommand,
  analyze: async () => (await import('./commands/analyze-command')).analyzeCommand,
  pacs: async () => (await import('./commands/pacs-command')).pacsCommand,
  backup: async () => (await import('./commands/backup-commands')).backupCommand,
  sync: async () => (await import('./commands/team-commands')).syncCommand,
  outbox: async () => (await import('./commands/team-commands')).outboxCommand,
  review: async () => (await import('./commands/team-commands')).reviewCommand,
  restore: async () => (await import('./commands/backup-commands')).restoreCommand,
};

async function main(argv: string[]): Promise<number> {
  const args = parseArguments(argv);
  if (!args.command || args.command === 'help' || args.flags.has('help')) {
    console.log(USAGE);
    return args.command ? 0 : 2;
  }
  const load = commands[args.command];
  if (!load) {
    console.error(`Unknown command: ${args.command}\n\n${USAGE}`);
    return 2;
  }
  refuseUnknownFlags(args);
  await (await load())(args);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => exitWhenFlushed(code),
  (error: unknown) => {
    const shape = toErrorShape(error);
    console.error(`bonemet: ${shape.message}`);
    exitWhenFlushed(shape.code === 'invalid_request' ? 2 : 1);
  },
);

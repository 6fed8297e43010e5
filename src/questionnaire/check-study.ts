/**
 * Checks a study file and all its waves' questionnaires together: ids, languages, phases,
 * channels, and `same_as` links between waves (the link must point at an earlier wave's
 * variable of the same kind, with the same choice codes).
 */
import type { CheckProblem } from './check-problem.js';
import { checkQuestionnaire } from './check.js';
import { hasCountryNames } from './countries.js';
import { idPattern } from './names.js';
import {
  mailPlaceholders,
  type QuestionnaireDefinition,
  type StudyDefinition,
  type WaveEntry,
} from './schema.js';
import type { Path, Source } from './source.js';
import { structureStudy } from './structure.js';
import { checkTranslations } from './translations.js';
import { variablesOf, type Variable } from './variables.js';

export interface CheckedWave {
  entry: WaveEntry;
  file: string;
  definition: QuestionnaireDefinition;
}

export interface StudyCheck {
  problems: CheckProblem[];
  /** Present only when there are no problems at all. */
  study?: { definition: StudyDefinition; waves: CheckedWave[] };
}

/**
 * `waveSource(file)` gives the wave file named in the study file (relative to it), or a
 * problem sentence when it cannot be read.
 */
export function checkStudy(
  study: Source,
  waveSource: (file: string) => Source | string,
): StudyCheck {
  if (study.syntax.length > 0) return { problems: study.syntax };
  const { definition, problems } = structureStudy(study);
  if (!definition) return { problems };
  const report = (path: Path, code: string, message: string): void => {
    problems.push({ file: study.file, ...study.locate(path), code, message });
  };
  const languages = checkLanguages(definition, report);
  problems.push(...checkTranslations(study, languages, () => undefined));
  if (!idPattern.test(definition.id))
    report(
      ['id'],
      'bad-id',
      `Study id '${definition.id}' must be lowercase letters, digits and '-' (at most 63), starting with a letter or digit.`,
    );
  checkUnique(
    definition.waves.map((w) => w.id),
    (i) => ['waves', i, 'id'],
    'wave id',
    report,
  );
  checkUnique(
    definition.waves.map((w) => w.file),
    (i) => ['waves', i, 'file'],
    'wave file',
    report,
  );
  const channels = definition.channels ?? [];
  checkUnique(
    channels.map((c) => c.code),
    (i) => ['channels', i, 'code'],
    'channel code',
    report,
  );
  channels.forEach((c, i) => {
    if (!idPattern.test(c.code))
      report(
        ['channels', i, 'code'],
        'bad-id',
        `Channel code '${c.code}' must be lowercase letters, digits and '-'; it appears in links.`,
      );
  });

  checkMailTemplates(definition, report);

  const waves: CheckedWave[] = [];
  const seenFiles = new Set<string>();
  const variablesByWave = new Map<string, Map<string, Variable>>();
  definition.waves.forEach((entry, w) => {
    if (!idPattern.test(entry.id))
      report(
        ['waves', w, 'id'],
        'bad-id',
        `Wave id '${entry.id}' must be lowercase letters, digits and '-'.`,
      );
    checkPhases(entry, w, report);
    // A file listed twice is reported once above; checking it again would only repeat problems.
    if (seenFiles.has(entry.file)) return;
    seenFiles.add(entry.file);
    const source = waveSource(entry.file);
    if (typeof source === 'string') {
      report(['waves', w, 'file'], 'missing-file', source);
      return;
    }
    const checked = checkQuestionnaire(source, languages);
    problems.push(...checked.problems);
    if (!checked.definition) return;
    if (checked.definition.wave !== entry.id)
      problems.push({
        file: source.file,
        ...source.locate(['wave']),
        code: 'wave-mismatch',
        message: `This questionnaire says it is wave '${checked.definition.wave}', but the study file lists it as wave '${entry.id}'.`,
      });
    const variables = variablesOf(checked.definition);
    if (variables.some((v) => v.kind === 'country'))
      for (const language of languages)
        if (!hasCountryNames(language))
          problems.push({
            file: source.file,
            ...source.locate([]),
            code: 'translation',
            message: `Country names are not available in '${language}'.`,
          });
    checkSameAs(source, checked.definition, variables, variablesByWave, problems);
    variablesByWave.set(entry.id, new Map(variables.map((v) => [v.name, v])));
    waves.push({ entry, file: entry.file, definition: checked.definition });
  });
  if (problems.length > 0) return { problems };
  return { problems, study: { definition, waves } };
}

function checkLanguages(
  definition: StudyDefinition,
  report: (path: Path, code: string, message: string) => void,
): string[] {
  const languages: string[] = [];
  definition.languages.forEach((tag, i) => {
    let canonical: string | undefined;
    try {
      canonical = Intl.getCanonicalLocales(tag)[0];
    } catch {
      canonical = undefined;
    }
    if (canonical === undefined)
      report(
        ['languages', i],
        'bad-language',
        `'${tag}' is not a BCP-47 language tag such as 'ru' or 'en-GB'.`,
      );
    else if (canonical !== tag)
      report(
        ['languages', i],
        'bad-language',
        `Write the language tag '${tag}' as '${canonical}'.`,
      );
    else if (languages.includes(tag))
      report(['languages', i], 'bad-language', `Language '${tag}' is listed twice.`);
    // Texts are checked only in well-written languages, so one bad tag is one problem.
    else languages.push(tag);
  });
  if (!definition.languages.includes(definition.default_language))
    report(
      ['default_language'],
      'bad-language',
      `The default language '${definition.default_language}' is not one of the study's languages (${definition.languages.join(', ')}).`,
    );
  return languages;
}

function checkUnique(
  values: string[],
  at: (i: number) => Path,
  what: string,
  report: (path: Path, code: string, message: string) => void,
): void {
  const seen = new Set<string>();
  values.forEach((v, i) => {
    if (seen.has(v)) report(at(i), 'duplicate-id', `Duplicate ${what} '${v}'.`);
    seen.add(v);
  });
}

function checkPhases(
  entry: WaveEntry,
  w: number,
  report: (path: Path, code: string, message: string) => void,
): void {
  const t = (s?: string): number | undefined => (s === undefined ? undefined : Date.parse(s));
  const [panel, opens, closes] = [t(entry.panel_opens), t(entry.opens), t(entry.closes)];
  if (panel !== undefined && opens === undefined)
    report(
      ['waves', w, 'panel_opens'],
      'phases',
      `Wave '${entry.id}' has a panel-only phase but no 'opens' time for the open phase after it.`,
    );
  if (panel !== undefined && opens !== undefined && panel > opens)
    report(
      ['waves', w, 'panel_opens'],
      'phases',
      `Wave '${entry.id}': the panel-only phase must start before the open phase ('panel_opens' ≤ 'opens').`,
    );
  const start = panel ?? opens;
  if (start !== undefined && closes !== undefined && start >= closes)
    report(['waves', w, 'closes'], 'phases', `Wave '${entry.id}' closes before it opens.`);
}

function checkSameAs(
  source: Source,
  definition: QuestionnaireDefinition,
  variables: Variable[],
  earlier: Map<string, Map<string, Variable>>,
  problems: CheckProblem[],
): void {
  for (const v of variables) {
    if (!v.sameAs) continue;
    const path = sameAsPath(definition, v);
    const report = (message: string): void => {
      problems.push({
        file: source.file,
        ...source.locate(path),
        item: v.name,
        code: 'same-as',
        message,
      });
    };
    const wave = earlier.get(v.sameAs.wave);
    if (!wave) {
      report(
        `same_as points at wave '${v.sameAs.wave}', which is not an earlier wave of this study.`,
      );
      continue;
    }
    const target = wave.get(v.sameAs.item);
    if (!target) {
      report(`same_as points at '${v.sameAs.item}', which wave '${v.sameAs.wave}' does not have.`);
      continue;
    }
    if (target.kind !== v.kind) {
      report(
        `same_as links a ${v.kind} item to '${target.name}', a ${target.kind} item in wave '${v.sameAs.wave}'; they cannot be compared.`,
      );
      continue;
    }
    if (
      v.scale &&
      target.scale &&
      (v.scale.min !== target.scale.min || v.scale.max !== target.scale.max)
    )
      report(
        `The scale ${v.scale.min}–${v.scale.max} differs from ${target.scale.min}–${target.scale.max} of '${target.name}' in wave '${v.sameAs.wave}'.`,
      );
    for (const choice of v.choices) {
      const before = target.choices.find((c) => c.name === choice.name);
      if (before && before.code !== choice.code)
        report(
          `Choice '${choice.name}' has code ${choice.code} here but ${before.code} in '${target.name}' of wave '${v.sameAs.wave}'; codes must stay stable across waves.`,
        );
    }
  }
}

function sameAsPath(definition: QuestionnaireDefinition, v: Variable): Path {
  const p = definition.pages.indexOf(v.page);
  const i = v.page.items.indexOf(v.item);
  if (v.row && v.item.type === 'grid') {
    const r = v.item.rows.findIndex((row) => row.name === v.name);
    return ['pages', p, 'items', i, 'rows', r, 'same_as'];
  }
  return ['pages', p, 'items', i, 'same_as'];
}

/**
 * Mail templates use known placeholders only, and every body carries the personal link and
 * the opt-out link: a mail without a working opt-out is never sent.
 */
function checkMailTemplates(
  definition: StudyDefinition,
  report: (path: Path, code: string, message: string) => void,
): void {
  const mail = definition.panel?.mail;
  if (!mail) return;
  for (const kind of ['invitation', 'reminder'] as const) {
    for (const part of ['subject', 'body'] as const) {
      for (const [language, text] of Object.entries(mail[kind][part])) {
        const path: Path = ['panel', 'mail', kind, part, language];
        for (const [, name] of text.matchAll(/\{([^{}]*)\}/g))
          if (!(mailPlaceholders as readonly string[]).includes(name!))
            report(
              path,
              'bad-placeholder',
              `Unknown placeholder {${name}}; a mail may use ${mailPlaceholders.map((p) => `{${p}}`).join(', ')}.`,
            );
        if (part === 'body')
          for (const needed of ['link', 'opt_out'])
            if (!text.includes(`{${needed}}`))
              report(
                path,
                'missing-placeholder',
                `The ${language} ${kind} mail must contain {${needed}}${needed === 'opt_out' ? ': every mail carries a working opt-out link' : ''}.`,
              );
      }
    }
  }
}

/**
 * Predict-then-reveal questions a lesson step asks. The answer of every kind
 * but `choice` is never written by the author: the engine computes it from
 * the run at that step (see `answerQuestion` in answer.ts), so it stays right when the
 * mesh changes. A question is typed data, read from untrusted input by
 * `parseQuestion` like a challenge or a document.
 */
import * as v from 'valibot'

import { issueMessage, issuePath } from './issues'

/** A question's prompt, an option and an explanation are plain text of at most this many characters. */
export const MAX_QUESTION_TEXT = 500
/** A multiple-choice question has 2 to this many options. */
export const MAX_CHOICES = 8

export type Question =
  /** "Which tasklet runs next?": the learner clicks a card; the answer is the node the next step activates. */
  | { kind: 'next-tasklet'; prompt: string; explain?: string }
  /** "What will the sink print next?": the learner types it; the answer is the next sink line the run prints (as `pyStr` prints the value). */
  | { kind: 'next-output'; prompt: string; node?: string; explain?: string }
  /** "How many items will branch hold after this round?": a number; the answer is the node's queue length after one step (`step`) or to the end of the scheduler's round (`round`: the taskmaster's round, the priority scheduler's pass, as Timeline.stepRound and the Step round button go). */
  | { kind: 'queue-length'; prompt: string; node: string; after: 'step' | 'round'; explain?: string }
  /** "Which wire does this item take?": the learner picks one of the node's wires; the answer is the wire the node's next emit goes along. */
  | { kind: 'wire'; prompt: string; node: string; explain?: string }
  /** Multiple choice with the author's own options; `answer` is the index of the right one. */
  | { kind: 'choice'; prompt: string; options: string[]; answer: number; explain?: string }

export type QuestionKind = Question['kind']
export const QUESTION_KINDS: readonly QuestionKind[] = ['next-tasklet', 'next-output', 'queue-length', 'wire', 'choice']

const Text = v.pipe(v.string(), v.maxLength(MAX_QUESTION_TEXT, `is longer than ${MAX_QUESTION_TEXT} characters`))
const Id = v.pipe(v.string(), v.minLength(1, 'is empty'), v.maxLength(64, 'is longer than 64 characters'))

export const QuestionSchema = v.variant(
  'kind',
  [
    v.strictObject({ kind: v.literal('next-tasklet'), prompt: Text, explain: v.optional(Text) }),
    v.strictObject({ kind: v.literal('next-output'), prompt: Text, node: v.optional(Id), explain: v.optional(Text) }),
    v.strictObject({ kind: v.literal('queue-length'), prompt: Text, node: Id, after: v.picklist(['step', 'round'], 'is not "step" or "round"'), explain: v.optional(Text) }),
    v.strictObject({ kind: v.literal('wire'), prompt: Text, node: Id, explain: v.optional(Text) }),
    v.pipe(
      v.strictObject({
        kind: v.literal('choice'),
        prompt: Text,
        options: v.pipe(v.array(Text), v.minLength(2, 'has fewer than 2 options'), v.maxLength(MAX_CHOICES, `has more than ${MAX_CHOICES} options`)),
        answer: v.pipe(v.number(), v.integer('is not a whole number'), v.minValue(0, 'is below 0')),
        explain: v.optional(Text),
      }),
      v.check((q) => q.answer < q.options.length, 'names an option it does not have (answer is past the last option)'),
    ),
  ],
  `is not a question (its kind is ${QUESTION_KINDS.join(', ')})`,
)

export type QuestionParse = { ok: true; question: Question } | { ok: false; errors: string[] }

/** Reads a question from untrusted data: every error names the field at fault; nothing of the input is kept. */
export function parseQuestion(input: unknown): QuestionParse {
  const parsed = v.safeParse(QuestionSchema, input, { message: issueMessage })
  if (!parsed.success) {
    return { ok: false, errors: parsed.issues.slice(0, 10).map((issue) => `question${issue.path ? `.${issuePath(issue)}` : ''}: ${issue.message}`) }
  }
  return { ok: true, question: copyQuestion(parsed.output) }
}

/** A copy, field by field (optional fields absent, not undefined). */
export function copyQuestion(q: Question): Question {
  const explain = q.explain === undefined ? {} : { explain: q.explain }
  switch (q.kind) {
    case 'next-tasklet':
      return { kind: q.kind, prompt: q.prompt, ...explain }
    case 'next-output':
      return { kind: q.kind, prompt: q.prompt, ...(q.node === undefined ? {} : { node: q.node }), ...explain }
    case 'queue-length':
      return { kind: q.kind, prompt: q.prompt, node: q.node, after: q.after, ...explain }
    case 'wire':
      return { kind: q.kind, prompt: q.prompt, node: q.node, ...explain }
    case 'choice':
      return { kind: q.kind, prompt: q.prompt, options: [...q.options], answer: q.answer, ...explain }
  }
}

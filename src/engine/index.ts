/** Mesh Playground's engine: pure TypeScript, the same in Node and the browser. */
export { Deque } from './deque'
export { count } from './count'
export * from './document'
export { copyDocument, copyEdge, copyNode } from './document-copy'
export { idRecord, ownValue, toIdRecord } from './id-record'
export { BUILTIN_KINDS, CODE_TEMPLATE, KINDS, NODE_KINDS, isNodeKind, portsOf } from './kinds'
export type { Behaviour, CodeCompiler, KindContext, KindDef, KindNode, NodeCoroutine, NodeEnv, NodeKind, NodeRandom, ParamDef, Params, Port, Ports } from './kinds'
export { ItemLedger, LedgerQueue, ROOT_INPUT, ROOT_OTHER, ROOT_SEND } from './item-ledger'
export type { ItemLedgerData, LedgerMark } from './item-ledger'
export { Prng } from './prng'
export {
  createScheduler,
  describeReturned,
  HAND_NAME,
  handProgram,
  KEPT_POLICY_NAME,
  picksAsPolicy,
  PolicyScheduler,
  PolicyStopped,
  PolicyWaits,
  PriorityScheduler,
  Taskmaster,
  withPicks,
  YOUR_TURN,
} from './schedulers'
export type { Policy, PolicyCompiler, PolicyDecision, PolicyProgram, PolicySchedulerView, PolicyTasklet, PolicyView, Scheduler, SchedulerState, SchedulerView } from './schedulers'
export { OUTPUT_KEEP, Simulation } from './simulation'
export type { RunStats, SimulationOptions } from './simulation'
export type { Output } from './output-log'
export type { RunSnapshot } from './snapshot'
export { REWIRE_LIMITS } from './wiring'
export type { NodeRuntime, Rewired } from './wiring'
export { Coroutine, coroutine, GeneratorExit, Outcome, Tasklet } from './tasklet'
export type { CoroutineBody, CoroutineFn, Sendable } from './tasklet'
export { describeEvent, seedLines, TRACE_QUEUE_ITEMS } from './trace'
export type { SchedulerEvent, StopReason, TraceEvent, TraceSink } from './trace'
export * from './value'
export { ActionLog } from './action-log'
export type { LogEntry, LoggedAction, QueueEdit, RunAction } from './action-log'
export { firstChangedPick, Timeline } from './timeline'
export type { TimelineHistory, TimelineOptions } from './timeline'
export { MAX_QUEUE_SAMPLES, recordProblem, recordRun, RunRecorder, RunSampler } from './run-record'
export type { RecordedRun, RecordOptions, RunLanes } from './run-record'
export { LINEAGE_STEPS, LINEAGE_TICKS, lineageOfItem, lineageOfOutput, planLineage, queuedItems, takenItem, tellLineage } from './lineage'
export type { Lineage, LineageDraw, LineageOptions, LineagePlan, LineageStep } from './lineage'
export { alterHistory, describeAction, DRAW_RANGES, DRAWING_KINDS, initialInputs, WHAT_IF_MORE, whatIf, WhatIfReplay } from './what-if'
export type { Alteration, AlterResult, InitialInput, WhatIfOptions, WhatIfOutput, WhatIfResult, WhatIfSide, WhatIfStop } from './what-if'
export { FIGURE_COLUMNS } from './figure-columns'
export type { FigureColumn } from './figure-columns'
export { figureSteps, lineageOf, schedulingFigures, STARVATION_TICKS } from './figures'
export type { FigureOptions, MeshFigures, OutputTurnarounds, SchedulingFigures, TaskletFigures } from './figures'
export { OutputLog } from './output-log'
export { BreakpointWatch, watchFor } from './breakpoints'
export type { Breakpoint, BreakpointHit } from './breakpoints'
export { hitOf } from './run-stop'
export type { RunResult, RunStop } from './run-stop'
export { stepUntil } from './step-until'
export type { StepUntilOptions } from './step-until'
export {
  COMPARE_OUTPUTS,
  COMPARE_TICKS,
  CompareLane,
  compareSchedulers,
  CompareSession,
  firstDifference,
  firstDivergence,
  LANE_VIEW_OUTPUTS,
  laneDocument,
  MAX_COMPARE_LANES,
  OutputAgreement,
  QueueWatch,
} from './compare'
export type { CompareOptions, Divergence, LaneOutputs, LaneSpec, LaneStop, LaneView, RunMetrics } from './compare'
export { countHiddenChars, excerpt, HIDDEN_CHAR_SOURCE, hiddenCharMarker, hiddenCharName, isHiddenChar, showHidden, splitHidden } from './hidden-text'
export type { TextPiece } from './hidden-text'
export { describeValue, issueMessage, issuePath, joinErrors, MAX_MESSAGE } from './issues'
export { CHALLENGE_KINDS, ChallengeSchema, CHECK_TICKS, checkChallenge, copyChallenge, describeChallenge, MATCHED_SCHEDULERS, parseChallenge, schedulerName } from './challenge'
export type { Challenge, ChallengeKind, ChallengeOptions, ChallengeParse, ChallengeResult } from './challenge'
export { copyQuestion, MAX_CHOICES, MAX_QUESTION_TEXT, parseQuestion, QUESTION_KINDS, QuestionSchema } from './question'
export type { Question, QuestionKind, QuestionParse } from './question'
export { ANSWER_TICKS, answerQuestion, answerWithoutRun, checkAnswer } from './answer'
export type { Answer, AnswerCheck, AnswerOptions, AnswerResult, Given } from './answer'
export {
  copyLesson,
  LESSON_PANELS,
  lessonKey,
  MAX_LESSON_STEPS,
  MAX_LESSON_TEXT,
  MAX_LESSON_TITLE,
  MAX_LESSON_UPDATES,
  MAX_STEP_ACTIONS,
  MAX_STEP_NOTE,
  MAX_STEP_TEXT,
  restartsRun,
  runActionOf,
  TASKLET_CALLS,
  watchedNode,
} from './lesson'
export type { Lesson, LessonAction, LessonPanelName, LessonRun, LessonStep, LessonWatch, TaskletCall } from './lesson'
export { continues, sameTarget, Watch, WATCH_BUCKETS, WATCH_ENTRY_KINDS, WATCH_VALUES, watchBuckets, watchMatch, watchTitle } from './watch'
export type { WatchCounts, WatchEntryKind, WatchResult, WatchTarget } from './watch'

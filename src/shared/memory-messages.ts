/**
 * The repository memory's messages, declared once for the workflow, the coordinator adapter and
 * tests. A lesson is what a person or an agent taught a repository's plans: a rejection's or a
 * request-changes' comment, or why a package failed for good in dispatch. Each update takes one
 * object so fields can be added.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { TASK_QUEUE } from './constants.js';

export const LESSON_KINDS = ['rejected', 'changes-requested', 'package-failed'] as const;
export type LessonKind = (typeof LESSON_KINDS)[number];

export interface Lesson {
  /** ISO time the lesson was taken (the decision's or the failure's time). */
  at: string;
  kind: LessonKind;
  changeId: string;
  /** The plan revision the lesson is about. */
  revision?: number;
  /** The package that failed (kind `package-failed`). */
  packageId?: string;
  /** Who decided, or the agent that held the failed package. */
  by?: string;
  /** The comment or the failure's reason (at most MAX_LESSON_TEXT characters). */
  text: string;
}

/** One memory per repository and task queue: ids `parallel-plan-memory-<hash>[@<queue>]`. */
export const MEMORY_WORKFLOW_PREFIX = 'parallel-plan-memory';
/**
 * The memory's workflow id from the repository's hash (the first 12 hex digits of sha256 of its
 * path; the caller computes it, workflow code has no crypto): the fixed id on the default queue,
 * `...@<queue>` on others, as the lock registry's.
 */
export const memoryWorkflowId = (repositoryHash: string, taskQueue: string = TASK_QUEUE): string =>
  taskQueue === TASK_QUEUE ? `${MEMORY_WORKFLOW_PREFIX}-${repositoryHash}` : `${MEMORY_WORKFLOW_PREFIX}-${repositoryHash}@${taskQueue}`;

/** Lessons a memory keeps (the newest); older ones are dropped. */
export const MAX_LESSONS = 200;
/** Characters of a lesson's text kept; longer texts are cut with an ellipsis. */
export const MAX_LESSON_TEXT = 1_000;
/** Lessons a plan recalls into its context (newest first), and the characters of each it keeps. */
export const RECALLED_LESSONS = 8;
export const RECALLED_LESSON_TEXT = 300;

export interface RememberLessonInput {
  /** The repository (its absolute path) the memory is of. */
  repository: string;
  /** `at` defaults to the memory's workflow time. */
  lesson: Omit<Lesson, 'at'> & { at?: string };
}

export interface RememberLessonResult {
  lesson: Lesson;
  /** The same lesson was remembered already (a retried activity): it was not added twice. */
  duplicate: boolean;
  /** Lessons the memory holds now. */
  total: number;
}

export interface LessonsFilter {
  kinds?: LessonKind[];
  changeId?: string;
  /** At most this many, newest first (default: all). */
  limit?: number;
}

export interface LessonsView {
  repository: string | null;
  /** Newest first. */
  lessons: Lesson[];
  /** Lessons the memory holds (before the filter). */
  total: number;
  /** Lessons dropped over all runs because the memory was full. */
  dropped: number;
  /** Which run of the memory answered (continue-as-new starts a new one). */
  runs: number;
  asOf: string;
}

export const rememberLessonUpdate = defineUpdate<RememberLessonResult, [RememberLessonInput]>('rememberLesson');
export const lessonsQuery = defineQuery<LessonsView, [LessonsFilter?]>('lessons');

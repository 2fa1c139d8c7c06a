/**
 * State of the repository memory entity workflow: its lessons, oldest first, JSON-plain so
 * continue-as-new carries it unchanged. Bounded: the newest MAX_LESSONS are kept, each text cut
 * to MAX_LESSON_TEXT characters. Time is passed in (workflow time).
 */
import {
  LESSON_KINDS,
  MAX_LESSON_TEXT,
  MAX_LESSONS,
  type Lesson,
  type LessonsFilter,
  type LessonsView,
  type RememberLessonInput,
  type RememberLessonResult,
} from '../shared/memory-messages.js';

export interface MemoryState {
  repository: string | null;
  /** Oldest first. */
  lessons: Lesson[];
  /** Runs of the memory so far (1 for the first; continue-as-new adds one). */
  runs: number;
  /** Lessons dropped because the memory was full, over all runs. */
  dropped: number;
}

export const emptyMemoryState = (repository: string | null = null): MemoryState => ({ repository, lessons: [], runs: 1, dropped: 0 });

const CHANGE_ID = /^[a-z0-9][a-z0-9._-]{0,127}$/;
/** Texts longer than this are refused before they enter history (the activity cuts them first). */
const MAX_INPUT_TEXT = 20_000;
const MAX_NAME = 200;

/** A text cut to `max` characters, with an ellipsis when it was longer. */
export function clip(text: string, max: number): string {
  const t = text.trim();
  return t.length <= max ? t : `${t.slice(0, max - 1).trimEnd()}…`;
}

/** Why a lesson to remember is malformed, or undefined when it is well formed. */
export function lessonInputProblem(input: unknown, repository: string | null): string | undefined {
  if (!input || typeof input !== 'object') return 'a lesson must be an object';
  const r = input as Partial<RememberLessonInput>;
  if (typeof r.repository !== 'string' || !r.repository.trim() || r.repository.length > MAX_INPUT_TEXT) return 'repository must be a non-empty string';
  if (repository !== null && r.repository !== repository) return `this memory is of ${repository}, not ${r.repository}`;
  const l = r.lesson as Partial<Lesson> | undefined;
  if (!l || typeof l !== 'object') return 'lesson must be an object';
  if (!(LESSON_KINDS as readonly unknown[]).includes(l.kind)) return `lesson.kind must be one of ${LESSON_KINDS.join(', ')}, got ${JSON.stringify(l.kind)}`;
  if (typeof l.changeId !== 'string' || !CHANGE_ID.test(l.changeId)) return `lesson.changeId must be a change id, got ${JSON.stringify(l.changeId)}`;
  if (l.revision !== undefined && (typeof l.revision !== 'number' || !Number.isInteger(l.revision) || l.revision < 1)) return 'lesson.revision must be an integer >= 1';
  if (l.packageId !== undefined && (typeof l.packageId !== 'string' || !l.packageId.trim() || l.packageId.length > MAX_NAME)) return 'lesson.packageId must be a non-empty string';
  if (l.by !== undefined && (typeof l.by !== 'string' || l.by.length > MAX_NAME)) return 'lesson.by must be a string';
  if (l.at !== undefined && (typeof l.at !== 'string' || Number.isNaN(Date.parse(l.at)))) return 'lesson.at must be an ISO time';
  if (typeof l.text !== 'string' || !l.text.trim()) return 'lesson.text must be a non-empty string';
  if (l.text.length > MAX_INPUT_TEXT) return `lesson.text is longer than ${MAX_INPUT_TEXT} characters`;
  return undefined;
}

const sameLesson = (a: Lesson, b: Lesson): boolean =>
  a.kind === b.kind && a.changeId === b.changeId && a.revision === b.revision && a.packageId === b.packageId && a.text === b.text;

export class RepositoryMemory {
  private readonly state: MemoryState;
  constructor(state?: MemoryState, repository?: string) {
    this.state = state ? { ...state, lessons: [...state.lessons] } : emptyMemoryState(repository ?? null);
  }

  /**
   * Adds a lesson (its text cut to MAX_LESSON_TEXT), dropping the oldest beyond MAX_LESSONS. The
   * same lesson again (a retried activity) is not added twice.
   */
  remember(input: RememberLessonInput, now: number): RememberLessonResult {
    this.state.repository ??= input.repository;
    const l = input.lesson;
    const lesson: Lesson = {
      at: l.at ?? new Date(now).toISOString(),
      kind: l.kind,
      changeId: l.changeId,
      ...(l.revision !== undefined ? { revision: l.revision } : {}),
      ...(l.packageId !== undefined ? { packageId: l.packageId } : {}),
      ...(l.by !== undefined && l.by.trim() ? { by: l.by.trim() } : {}),
      text: clip(l.text, MAX_LESSON_TEXT),
    };
    const known = this.state.lessons.find((x) => sameLesson(x, lesson));
    if (known) return { lesson: known, duplicate: true, total: this.state.lessons.length };
    this.state.lessons.push(lesson);
    const over = this.state.lessons.length - MAX_LESSONS;
    if (over > 0) {
      this.state.lessons.splice(0, over);
      this.state.dropped += over;
    }
    return { lesson, duplicate: false, total: this.state.lessons.length };
  }

  /** Newest first, filtered. */
  lessons(filter: LessonsFilter = {}): Lesson[] {
    const kinds = filter.kinds && filter.kinds.length > 0 ? filter.kinds : undefined;
    const hits = this.state.lessons.filter((l) => (!kinds || kinds.includes(l.kind)) && (filter.changeId === undefined || l.changeId === filter.changeId)).reverse();
    return filter.limit !== undefined && filter.limit >= 0 ? hits.slice(0, filter.limit) : hits;
  }

  view(filter: LessonsFilter | undefined, now: number): LessonsView {
    return {
      repository: this.state.repository,
      lessons: this.lessons(filter),
      total: this.state.lessons.length,
      dropped: this.state.dropped,
      runs: this.state.runs,
      asOf: new Date(now).toISOString(),
    };
  }

  get repository(): string | null {
    return this.state.repository;
  }

  /** The state to carry into the next run (continue-as-new). */
  nextRunState(): MemoryState {
    return { repository: this.state.repository, lessons: this.state.lessons.map((l) => ({ ...l })), runs: this.state.runs + 1, dropped: this.state.dropped };
  }
}

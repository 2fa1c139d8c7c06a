/**
 * Memory (CAN_MEMORY): lessons per repository, stored when a person rejects or asks for changes
 * with a comment and when a package fails for good in dispatch, and recalled into the next plan's
 * context (step 2). Storing never fails a plan: what went wrong comes back as a warning.
 */
import type { CoordinatorFactory, CoordinatorKind } from '../coordinator/index.js';
import type { Coordinator } from '../coordinator/port.js';
import { clip } from '../workflows/memory-state.js';
import { RECALLED_LESSON_TEXT, RECALLED_LESSONS, MAX_LESSON_TEXT, type Lesson, type RememberLessonInput } from '../shared/memory-messages.js';

export interface RememberLessonActivityInput extends RememberLessonInput {
  coordinator: CoordinatorKind;
}

export interface RememberLessonActivityResult {
  stored: boolean;
  /** Set when the coordinator has a memory and it did not keep the lesson. */
  warning?: string;
}

/** Stores a lesson with the coordinator's memory; one without a memory (http, none) keeps nothing. */
export async function rememberWith(coordinator: Coordinator, input: RememberLessonInput): Promise<RememberLessonActivityResult> {
  if (!coordinator.rememberLesson) return { stored: false };
  const lesson = { ...input.lesson, text: clip(input.lesson.text, MAX_LESSON_TEXT) };
  try {
    const result = await coordinator.rememberLesson({ repository: input.repository, lesson });
    return result.stored ? { stored: true } : { stored: false, warning: `memory: the lesson from ${lesson.kind} of ${lesson.changeId} was not kept: ${result.error}` };
  } catch (err) {
    return { stored: false, warning: `memory: the lesson from ${lesson.kind} of ${lesson.changeId} was not kept: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/**
 * The repository's newest lessons for a plan's context: at most RECALLED_LESSONS, each text cut
 * to RECALLED_LESSON_TEXT characters (the summary enters workflow history).
 */
export async function recallWith(coordinator: Coordinator, repository: string): Promise<{ lessons: Lesson[]; warning?: string }> {
  if (!coordinator.recallLessons) return { lessons: [] };
  try {
    const recalled = await coordinator.recallLessons({ repository, limit: RECALLED_LESSONS });
    const lessons = recalled.lessons.slice(0, RECALLED_LESSONS).map((l) => ({ ...l, text: clip(l.text, RECALLED_LESSON_TEXT) }));
    return 'error' in recalled ? { lessons, warning: `memory: lessons of earlier plans were not recalled: ${recalled.error}` } : { lessons };
  } catch (err) {
    return { lessons: [], warning: `memory: lessons of earlier plans were not recalled: ${err instanceof Error ? err.message : String(err)}` };
  }
}

export function createMemoryActivities(deps: { coordinators: CoordinatorFactory }) {
  return {
    /** A lesson for the repository's memory; a failure to store is a warning, never a failure. */
    async rememberLesson(input: RememberLessonActivityInput): Promise<RememberLessonActivityResult> {
      const { coordinator, ...rest } = input;
      return rememberWith(deps.coordinators(coordinator), rest);
    },
  };
}

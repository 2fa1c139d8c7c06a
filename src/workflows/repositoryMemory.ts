/**
 * repositoryMemoryWorkflow: the entity that holds one repository's lessons (rejection and
 * request-changes comments, packages that failed in dispatch), one per repository and task queue
 * (id from memoryWorkflowId), started by update-with-start from the activity that stores a lesson.
 * The next plan of the repository recalls the newest into its context (step 2) and its proposal.
 * Updates are validated before they enter history. Long-lived: continue-as-new with the
 * JSON-plain state when suggested, once running handlers finished.
 */
import { allHandlersFinished, condition, continueAsNew, setHandler, workflowInfo } from '@temporalio/workflow';
import { lessonsQuery, rememberLessonUpdate } from '../shared/memory-messages.js';
import { lessonInputProblem, RepositoryMemory, type MemoryState } from './memory-state.js';

export interface RepositoryMemoryInput {
  /** The repository the memory is of (absolute path); the first lesson sets it when absent. */
  repository?: string;
  /** Carried over by continue-as-new. */
  state?: MemoryState;
  /** Continue-as-new once history reaches this many events (tests); default: when the server suggests it. */
  continueAsNewAfterEvents?: number;
}

export async function repositoryMemoryWorkflow(input: RepositoryMemoryInput = {}): Promise<void> {
  const memory = new RepositoryMemory(input.state, input.repository);

  setHandler(rememberLessonUpdate, (lesson) => memory.remember(lesson, Date.now()), {
    validator: (lesson) => {
      const problem = lessonInputProblem(lesson, memory.repository);
      if (problem) throw new Error(`malformed lesson: ${problem}`);
    },
  });
  setHandler(lessonsQuery, (filter) => memory.view(filter, Date.now()));

  await condition(() => {
    const info = workflowInfo();
    return info.continueAsNewSuggested || (input.continueAsNewAfterEvents !== undefined && info.historyLength >= input.continueAsNewAfterEvents);
  });
  // Let running update handlers finish so no lesson is lost, then carry the state over.
  await condition(allHandlersFinished);
  await continueAsNew<typeof repositoryMemoryWorkflow>({ ...input, state: memory.nextRunState() });
}

import { ApiClient } from './api/client.js';
import { BoardPage } from './pages/BoardPage.js';

/** Browser entry: renders the board into #app. */
export async function mount(root: { innerHTML: string }, baseUrl: string, userId: number): Promise<void> {
  root.innerHTML = await BoardPage(new ApiClient(baseUrl), userId);
}

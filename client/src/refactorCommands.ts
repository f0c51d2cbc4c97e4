// The rename a refactor starts (Extract to new stage, Name this stage) must survive VS Code's handling of lazily
// resolved code actions. The server gives the refactor's edit and its `dockerfileStages.renameAt` command on
// `codeAction/resolve`. VS Code's extension host turns a command from resolve into one the workbench can run only
// while the list the action came from is alive (ExtHostCodeActions.resolveCodeAction, in code-server 4.139), and the
// action widget releases that list as it closes, at the same time as it asks for the resolve: when the release
// wins, the edit is applied and the rename never starts (seen in the UI test: 1 run in 3, more under load). So each
// refactor is listed with a command of ours, which VS Code keeps from the list, and the command its resolve brings
// is kept here until that command runs.
import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient';

export const AFTER_REFACTOR_COMMAND = 'dockerfileStages.afterRefactor';

/** The commands resolves brought, by the id of the listed action's command; the latest few (a focused action is resolved too, to preview it, and may never run). */
const resolvedCommands = new Map<string, vscode.Command>();
const KEPT = 20;
let nextId = 0;

function isRefactor(action: vscode.Command | vscode.CodeAction): action is vscode.CodeAction {
  const data = (action as { data?: unknown }).data;
  return action instanceof vscode.CodeAction && typeof data === 'object' && data !== null && 'refactor' in data;
}

function listedId(action: vscode.CodeAction): string | undefined {
  return action.command?.command === AFTER_REFACTOR_COMMAND ? action.command.arguments?.[0] as string : undefined;
}

export const refactorMiddleware: Pick<Middleware, 'provideCodeActions' | 'resolveCodeAction'> = {
  async provideCodeActions(document, range, context, token, next) {
    const actions = await next(document, range, context, token);
    for (const action of actions ?? []) {
      if (isRefactor(action) && !action.command) action.command = { title: action.title, command: AFTER_REFACTOR_COMMAND, arguments: [String(nextId++)] };
    }
    return actions;
  },
  async resolveCodeAction(item, token, next) {
    const id = listedId(item);
    const resolved = await next(item, token);
    if (id === undefined || !resolved) return resolved;
    if (resolved.command && resolved.command.command !== AFTER_REFACTOR_COMMAND) {
      resolvedCommands.set(id, resolved.command);
      for (const old of resolvedCommands.keys()) if (resolvedCommands.size > KEPT) resolvedCommands.delete(old);
    }
    resolved.command = item.command;
    return resolved;
  },
};

/** Runs the command the refactor's resolve brought, once; none for a refactor that starts no rename. */
export async function afterRefactor(id: string): Promise<void> {
  const command = resolvedCommands.get(id);
  resolvedCommands.delete(id);
  if (command) await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
}

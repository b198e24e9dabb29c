/** The keyboard shortcuts, listed once for both the handler and the help overlay. */
export const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
export const MOD = isMac ? '⌘' : 'Ctrl';

export const SHORTCUTS: { keys: string[]; action: string }[] = [
  { keys: [`${MOD}+Z`], action: 'Undo' },
  { keys: [`Shift+${MOD}+Z`, 'Ctrl+Y'], action: 'Redo' },
  { keys: [`${MOD}+C`], action: 'Copy the selected components' },
  { keys: [`${MOD}+V`], action: 'Paste them (with new ids)' },
  { keys: [`${MOD}+D`], action: 'Duplicate the selection' },
  { keys: [`${MOD}+A`], action: 'Select everything' },
  { keys: ['Delete', 'Backspace'], action: 'Delete the selection' },
  { keys: ['Shift+drag'], action: 'Box-select' },
  { keys: [`${MOD}+click`], action: 'Add to / remove from the selection' },
  { keys: ['Arrow keys'], action: 'Nudge the selection' },
  { keys: ['L'], action: 'Auto-layout (left → right)' },
  { keys: ['F'], action: 'Fit the design in view' },
  { keys: [`${MOD}+Enter`], action: 'Run the scenario / cancel the run' },
  { keys: ['?'], action: 'This help' },
  { keys: ['Esc'], action: 'Close help / clear the selection' },
];

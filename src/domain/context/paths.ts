/** Repository-relative path helpers (forward slashes). Pure module. */

export const baseName = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

export const dirOf = (path: string): string => {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
};

export const extensionOf = (path: string): string => {
  const name = baseName(path);
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase();
};

export const segments = (path: string): string[] => path.split('/');

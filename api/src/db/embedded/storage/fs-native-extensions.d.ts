// Types for the part of fs-native-extensions (holepunchto, ships prebuilt binaries) we use.
declare module 'fs-native-extensions' {
  /** Non-blocking exclusive (or shared) lock on an open file; false when another holder has it. */
  export function tryLock(fd: number, opts?: { shared?: boolean }): boolean;
  export function unlock(fd: number): void;
  const fsx: { tryLock: typeof tryLock; unlock: typeof unlock };
  export default fsx;
}

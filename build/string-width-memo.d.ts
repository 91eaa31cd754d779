// Types for build/string-width-memo.js.
type StringWidth = (string: string, options?: {ambiguousIsNarrow?: boolean; countAnsiEscapeCodes?: boolean}) => number;
export const SIMPLE_RANGES: ReadonlyArray<readonly [number, number]>;
export function simpleWidth(text: string): number;
export function makeMemo(load: () => StringWidth): StringWidth;
declare const memoStringWidth: StringWidth;
export default memoStringWidth;

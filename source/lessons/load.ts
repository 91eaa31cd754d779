/**
 * The lesson loader's public face (LESSON-FORMAT.md): the UI, `synack lint` and the quiz
 * import from here. The work is done in front-matter.ts, parse-lesson.ts, catalog.ts and
 * sanitize.ts.
 */
export type {LabRegistry} from './front-matter.js';
export {loadCatalog, lessonFor} from './catalog.js';
export {parseLessonFile} from './parse-lesson.js';
export {stripControlSequences} from './sanitize.js';

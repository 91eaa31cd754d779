/** Defaults of the progress file that both the validator and the updates need. */

/** New questions a day in quiz mode unless the learner changes it (Anki's default is 20 too). */
export const DEFAULT_NEW_PER_DAY = 20;

// Activity names of a classifier's outputs.
import { type ModelEntry } from 'scl-wear';
import { ACTIVITIES } from 'scl-wear/advanced';

/**
 * The activity name of class `index` of a model: the bundled motion models' six UCI HAR
 * classes are the SDK's `ACTIVITIES`, in the same order; other classes keep their own name.
 */
export function activityName(entry: ModelEntry, index: number): string {
  const classes = entry.classes ?? [];
  return classes.length === ACTIVITIES.length ? ACTIVITIES[index]! : (classes[index] ?? String(index)).toLowerCase();
}

// Activity names of a classifier's outputs.
import { type ClassResult, type ModelEntry } from 'scl-wear';
import { ACTIVITIES } from 'scl-wear/advanced';

/**
 * The activity name of class `index` of a model: the bundled motion models' six UCI HAR
 * classes are the SDK's `ACTIVITIES`, in the same order; other classes keep their own name.
 */
export function activityName(entry: ModelEntry, index: number): string {
  const classes = entry.classes ?? [];
  return classes.length === ACTIVITIES.length ? ACTIVITIES[index]! : (classes[index] ?? String(index)).toLowerCase();
}

/**
 * The activity name of group `index`: a group of one class is that class's activity; a group of
 * several (the still postures, which an unknown orientation cannot tell apart) is `still`.
 */
export function groupName(entry: ModelEntry, index: number): string {
  const members = (entry.groups?.ofClass ?? []).flatMap((g, c) => (g === index ? [c] : []));
  return members.length === 1 ? activityName(entry, members[0]!) : 'still';
}

/**
 * What a window of `classify` says, by activity name, with the probabilities to show beside it.
 * The label is the class once the orientation is known, otherwise the group. The class
 * probabilities are shown after an orientation calibration (the class head then reads windows in
 * the body frame); otherwise the group probabilities (a self-calibrated posture comes from the
 * tilt, not from the class head).
 */
export function shownActivity(entry: ModelEntry, r: ClassResult): { label: string; names: string[]; probs: ArrayLike<number> } {
  const { classes = [], groups } = entry;
  const classNames = classes.map((_, i) => activityName(entry, i));
  const label = (names: string[], all: readonly string[]) => names[all.indexOf(r.label)] ?? r.label.toLowerCase();
  if (!groups || !r.groupProbs) return { label: label(classNames, classes), names: classNames, probs: r.probs };
  const groupNames = groups.names.map((_, g) => groupName(entry, g));
  const shown = r.calibrated ? label(classNames, classes) : label(groupNames, groups.names);
  return r.calibrated && !r.placement
    ? { label: shown, names: classNames, probs: r.probs }
    : { label: shown, names: groupNames, probs: r.groupProbs };
}

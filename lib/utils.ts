import { clsx, type ClassValue } from "clsx";
import { mergeClasses } from "./class-merge";

/** Join class names; later Tailwind classes win over conflicting earlier ones. */
export function cn(...inputs: ClassValue[]): string {
  return mergeClasses(clsx(inputs));
}

/** A plan as people read it: 'FREE' → 'Free', 'ENTERPRISE' → 'Enterprise' (the API's names are codes). */
export const planLabel = (plan: string): string => plan.charAt(0) + plan.slice(1).toLowerCase();

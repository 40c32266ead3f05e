/** Reasons offered on /account/withdraw; stored as the code (plus any text) in users.withdrawal_reason. */
export const withdrawalReasons = ['not-useful', 'too-many-emails', 'privacy', 'other-account', 'other'] as const;

export type WithdrawalReason = (typeof withdrawalReasons)[number];

/**
 * What a person types to confirm withdrawal. The same in every language, so nobody has to switch
 * keyboards and support can tell what was typed; the label says which word to type.
 */
export const confirmPhrase = 'DELETE';

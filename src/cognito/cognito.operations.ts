/**
 * The Cognito operations this gateway calls, by their API names: one read of a user's history,
 * and the two ways to give feedback on an event (with the token Cognito mails, or as an admin).
 */
export type CognitoOperation = 'AdminListUserAuthEvents' | 'UpdateAuthEventFeedback' | 'AdminUpdateAuthEventFeedback';

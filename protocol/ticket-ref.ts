/**
 * The short ticket number customers see and quote (form confirmation, email subjects):
 * the random tail of the conversation id, so it reveals nothing about volume or time.
 */
export const ticketRef = (conversationId: string): string => conversationId.slice(-8);

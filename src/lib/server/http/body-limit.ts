/**
 * Bodies of commands are small: a card, a question, a whole poll's answers (explanations of 2,000
 * characters each, in any script, fit many times over). Both JSON doors hold to it: the HTTP endpoint
 * and a command frame on the room socket.
 */
export const JSON_BODY_MAX = 256 * 1024;

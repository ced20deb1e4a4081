import { z } from 'zod';

// Satisfaction survey (满意度调查): sent to the customer after resolution or on request, answered
// on a public page with a score of 1–5 and an optional comment.

export const CSAT_MIN_SCORE = 1;
export const CSAT_MAX_SCORE = 5;
export const CSAT_COMMENT_MAX = 500;

/** 202 to `POST /api/conversations/:id/survey`: the survey sent now, or the one still open. */
export const SendSurveyResponse = z.object({ surveyId: z.string() });
export type SendSurveyResponse = z.infer<typeof SendSurveyResponse>;

/** The public page's form: the score as a digit, the comment as free text (blank = none). */
export const SurveyAnswer = z.object({
  score: z.coerce.number().int().min(CSAT_MIN_SCORE).max(CSAT_MAX_SCORE),
  comment: z
    .string()
    .trim()
    .max(CSAT_COMMENT_MAX)
    .optional()
    .transform((c) => (c ? c : null)),
});
export type SurveyAnswer = z.infer<typeof SurveyAnswer>;

/** The public page's address for a token, relative to the server's public base URL. */
export const surveyPath = (token: string) => `/survey/${token}`;

/**
 * The question slice: "click the card you predict" for a lesson question of
 * which tasklet runs next. While the learner predicts, a click on a card on
 * the canvas is their prediction (not a selection, not a pick by hand); the
 * question reads it. The answer itself is the run's (run slice's
 * answerQuestion), never kept here.
 */
import type { SliceCreator } from './mesh-store'

export interface QuestionSlice {
  /** The canvas takes a click on a card as the learner's prediction. */
  predicting: boolean
  /** The card the learner clicked while predicting, until the question takes it. */
  predicted: string | null
  setPredicting(on: boolean): void
  /** A card was clicked while predicting: it is the prediction, and predicting ends. */
  predictCard(node: string): void
}

export const createQuestionSlice: SliceCreator<QuestionSlice> = (set) => ({
  predicting: false,
  predicted: null,
  setPredicting: (on) => set({ predicting: on, predicted: null }),
  predictCard: (node) => set({ predicting: false, predicted: node }),
})

/**
 * The question slice: "click the card you predict" for a lesson question of
 * which tasklet runs next. While the learner predicts, a click on a card on
 * the canvas is their prediction (not a selection, not a pick by hand); the
 * question reads it. The answer itself is the run's (run slice's
 * answerQuestion), never kept here. A question is of the mesh the run
 * schedules, so predicting shows its cards: it goes out of an open group,
 * and opening one stops it.
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

export const createQuestionSlice: SliceCreator<QuestionSlice> = (set, get) => ({
  predicting: false,
  predicted: null,
  setPredicting(on) {
    if (on && get().openPath.length > 0) get().closeGroup(0)
    set({ predicting: on, predicted: null })
  },
  predictCard(node) {
    // An inner card's id is the inside's, not a tasklet the question can name.
    if (get().openPath.length > 0) return set({ predicting: false, predicted: null })
    set({ predicting: false, predicted: node })
  },
})

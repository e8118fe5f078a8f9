/** The schema pieces the document and its lesson share (valibot): text, ids, numbers and values, each with its message. */
import * as v from 'valibot'

/** A text field's length, unless it says otherwise. */
export const MAX_TEXT = 500

export const Text = (max = MAX_TEXT) => v.pipe(v.string(), v.maxLength(max, `is longer than ${max} characters`))
export const Id = v.pipe(v.string(), v.minLength(1, 'is empty'), v.maxLength(64, 'is longer than 64 characters'))
export const FiniteNumber = v.pipe(v.number(), v.finite('is not a finite number'))
export const Int = (min: number, max: number) => v.pipe(v.number(), v.integer('is not a whole number'), v.minValue(min, `is below ${min}`), v.maxValue(max, `is above ${max}`))

export const ValueSchema = v.union([Text(), FiniteNumber, v.boolean(), v.null()], 'is not a string, number, boolean or null')

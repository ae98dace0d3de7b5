// A category's questions answered in a form ({code: value or [values]}) → the API's answers.
export function answersOf(values) {
  return Object.entries(values)
    .map(([question, v]) => ({ question, values: (Array.isArray(v) ? v : [v]).filter((x) => x !== '' && x != null) }))
    .filter((a) => a.values.length > 0);
}

export const sortedQuestions = (category) =>
  ((category && category.questions) || []).slice().sort((a, b) => (a.order || 0) - (b.order || 0));

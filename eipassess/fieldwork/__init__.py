"""Field work: questionnaire workbooks generated from the criteria, and their validated import."""

// SurveyScoring module.

// SurveyReporting module.

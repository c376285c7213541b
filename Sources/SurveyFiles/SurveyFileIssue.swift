@_exported import struct YAMLFiles.FileIssue
@_exported import struct YAMLFiles.FileIssues

/// A problem in a survey file: file, line, column and a sentence (shared with the rule files).
public typealias SurveyFileIssue = FileIssue
/// All problems found in one or more survey files.
public typealias SurveyFileErrors = FileIssues

@_exported import struct YAMLFiles.FileIssue
@_exported import struct YAMLFiles.FileIssues

/// A problem in a rule file: file, line, column and a sentence (shared with the survey files).
public typealias RuleFileIssue = FileIssue
/// All problems found in one or more rule files.
public typealias RuleFileErrors = FileIssues

import Foundation
import SurveyCore
import SurveyDefinition

/// Small survey definitions and helpers shared by the test targets.
public enum SurveyFixtures {
    /// A complete, valid two-dimension survey; line numbers in tests refer to this text.
    public static let minimalYAML = """
    id: pilot
    version: 1
    title: Pilot survey
    scales:
      agree5:
        labels:
          1: Strongly disagree
          2: Disagree
          3: [Neither agree nor disagree, Neutral]
          4: Agree
          5: Strongly agree
        favorable: [4, 5]
        neutral: [3]
        unfavorable: [1, 2]
        missing: ["N/A", "Don't know"]
    dimensions:
      - id: strategy
        title: Strategy
        items:
          - id: metric
            text: I can name the metric my team is moving.
          - id: no_problem
            text: This quarter my team was handed features with no problem stated.
            reverse: true
      - id: discovery
        title: Discovery
        weight: 2
        items:
          - id: contact
            kind: choice
            text: When did you last talk to a customer?
            options:
              - {id: never, label: Never, value: 1}
              - {id: quarter, label: This quarter, value: 2}
              - {id: week, label: This week, value: 3}
            missing: [Not my role]
          - id: interviews
            text: In the past 4 weeks I interviewed a user.
            roles: [product_owner, product_manager]
          - id: training
            kind: multi
            text: Which training did you have?
            options:
              - {id: certification, label: Certification}
              - {id: research, label: Customer research}
              - {id: none, label: None, exclusive: true}
          - id: meetings
            kind: numeric
            text: Hours a week in recurring meetings
            unit: hours
            min: 0
            max: 60
          - id: remarks
            kind: text
            text: Anything else?
    attributes:
      role:
        aliases: [Role]
        values:
          product_owner: [Product Owner, PO]
          product_manager: [Product Manager, PM]
          engineering: [Engineer]
    bands:
      - {name: Initial, from: 1}
      - {name: Emerging, from: 2.5}
      - {name: Leading, from: 4}
    flags:
      - id: order_taker
        title: Product Owners far from customers
        severity: high
        roles: [product_owner]
        when:
          all:
            - share_choosing: contact
              options: [never]
              at_least: 50
            - share_only: training
              options: [certification]
              at_least: 50
        explanation: Product Owners keep the backlog full with no time for customers.
        advice: Volunteer for customer research.
    """

    /// A mapping file for the minimal survey, with every kind of entry; line numbers in tests
    /// refer to this text.
    public static let pilotMappingYAML = """
mapping: 1
survey: pilot
columns:
  - column: "Metric?"
    item: metric
    answers:
      "Yes": 5
      "No": 1
  - column: "Problem"
    item: no_problem
  - column: "Contact"
    item: contact
    answers: {"Weekly": week, "Nope": missing}
  - column: "Training [Certification]"
    item: training
    option: certification
  - column: "Training [Research]"
    item: training
    option: research
  - column: "Meetings"
    item: meetings
  - column: "Division"
    attribute: division
    values: {"Retail Banking": retail}
  - column: "Response ID"
    field: response_id
  - column: "ipaddr"
    ignore: true
not_asked: [interviews, remarks]

"""

    /// The minimal survey, loaded.
    public static func minimal() throws -> Survey {
        try loadSurvey(yaml: minimalYAML, file: "pilot.yaml")
    }

    /// A fresh temporary directory, removed by the caller with ``removeDirectory(_:)``.
    public static func makeTemporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("opmodel-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The built `opmodel` next to the test bundle, for tests that run the tool as a user does.
    public static func opmodelExecutable() throws -> URL {
        let directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [directory, directory.deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent("opmodel")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        throw CocoaError(.fileNoSuchFile)
    }

    /// Removes a directory made by ``makeTemporaryDirectory()``.
    public static func removeDirectory(_ url: URL) {
        try? FileManager.default.removeItem(at: url)
    }
}

/// Platform files shared by several test targets, under `Tests/SurveyTestSupport/Fixtures`.
public enum PlatformFixtures {
    /// A LimeSurvey fixture: `acme.lss` (a 6.x survey structure) or one of its exports,
    /// `export-{code,full}-headings-{code,full}-answers.csv`.
    public static func limeSurvey(_ name: String) throws -> URL {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil as String?, subdirectory: "Fixtures/limesurvey") else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "Fixtures/limesurvey/\(name)"])
        }
        return url
    }
}

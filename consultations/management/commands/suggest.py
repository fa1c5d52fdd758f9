"""Prints the suggestion the current rules give for some answers, so admins can check a rule change."""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from consultations.rules import rules_from_database
from consultations.suggestions import Answers, EarlierTreatment, suggest


class Command(BaseCommand):
    help = "Show what the suggestion engine says for these answers, using the rules in the database now."

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)

        def one_line_error(message):
            # argparse would print the whole usage block; one line says what is wrong.
            if not parser.called_from_command_line:
                raise CommandError(message)
            sys.stderr.write(f"suggest: {message} (see --help)\n")
            sys.exit(2)

        parser.error = one_line_error
        return parser

    def add_arguments(self, parser):
        parser.add_argument(
            "--concern",
            action="append",
            default=[],
            metavar="AREA:CONCERN",
            help="an area and concern, e.g. glabella:lines-when-moving",
        )
        parser.add_argument(
            "--precaution", action="append", default=[], metavar="SLUG", help="a screening question answered yes"
        )
        parser.add_argument(
            "--previous",
            action="append",
            default=[],
            metavar="TREATMENT:MONTHS_AGO",
            help="an earlier treatment, e.g. botox:3",
        )
        parser.add_argument("--json", action="store_true", help="print JSON instead of text")

    def handle(self, *args, **options):
        rules = rules_from_database()
        answers = Answers(
            concerns=frozenset(self._concerns(options["concern"], rules)),
            precautions=frozenset(self._precautions(options["precaution"], rules)),
            earlier=tuple(self._previous(options["previous"], rules)),
        )
        result = suggest(answers, rules)
        if options["json"]:
            data = result.as_dict()
            self.stdout.write(json.dumps(data, indent=2, ensure_ascii=False))
            return
        self._print_text(result)

    def _concerns(self, values, rules):
        if not values:
            raise CommandError("give at least one --concern AREA:CONCERN, e.g. --concern glabella:lines-when-moving")
        pairs = rules.sensible_pairs()
        areas = {a.slug for a in rules.areas}
        concerns = {c.slug for c in rules.concerns}
        for value in values:
            area, sep, concern = value.partition(":")
            if not sep or not area or not concern:
                raise CommandError(f"--concern {value!r} is not AREA:CONCERN, e.g. glabella:lines-when-moving")
            if area not in areas:
                raise CommandError(f"unknown area {area!r}; known areas: {', '.join(sorted(areas))}")
            if concern not in concerns:
                raise CommandError(f"unknown concern {concern!r}; known concerns: {', '.join(sorted(concerns))}")
            if (area, concern) not in pairs:
                raise CommandError(f"{concern!r} is not asked about for {area!r}: no rule covers that pair")
            yield area, concern

    def _precautions(self, values, rules):
        known = {p.slug for p in rules.precautions}
        for value in values:
            if value not in known:
                raise CommandError(f"unknown precaution {value!r}; known precautions: {', '.join(sorted(known))}")
            yield value

    def _previous(self, values, rules):
        known = {t.slug for t in rules.treatments}
        for value in values:
            treatment, sep, months = value.partition(":")
            if not sep or not months.isdigit():
                raise CommandError(f"--previous {value!r} is not TREATMENT:MONTHS_AGO, e.g. botox:3")
            if treatment not in known:
                raise CommandError(f"unknown treatment {treatment!r}; known treatments: {', '.join(sorted(known))}")
            yield EarlierTreatment(treatment, int(months))

    def _print_text(self, result):
        if not result.suggestions:
            self.stdout.write("No specific suggestion: a practitioner will advise.")
        for number, suggestion in enumerate(result.suggestions, start=1):
            self.stdout.write(
                f"{number}. {suggestion.name} ({suggestion.treatment}) for {', '.join(suggestion.area_names)}"
            )
            for hold in suggestion.holds:
                self.stdout.write(f"   ! {hold}")
            for reason in suggestion.reasons:
                self.stdout.write(f"   - {reason}")
        for flag in result.flags:
            self.stdout.write(f"Flag {flag.precaution} ({', '.join(flag.treatments)}): {flag.message}")
        for note in result.notes:
            self.stdout.write(f"Note: {note}")
        self.stdout.write(f"Rules version {result.rules_version}")

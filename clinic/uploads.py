"""No page of this site takes a file: a file part in a form is refused, never written to memory or disk."""

from django.core.exceptions import SuspiciousOperation
from django.core.files.uploadhandler import FileUploadHandler


class FileRefused(SuspiciousOperation):
    """Django answers 400 Bad Request."""


class RefuseFilesUploadHandler(FileUploadHandler):
    def new_file(self, field_name, file_name, *args, **kwargs):
        raise FileRefused(f"A file was sent in the field {field_name!r}; this site takes no files.")

    def receive_data_chunk(self, raw_data, start):
        return None

    def file_complete(self, file_size):
        return None

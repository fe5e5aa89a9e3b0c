"""The size of a request body is checked while it arrives, before it is read whole: a body
announced or found larger than PARCOURS_UPLOAD_MAX_BYTES is refused with a 400, and the rest
of it is never read into memory or a temporary file. Each form still checks its own, smaller
limit (a 5 MB attestation, a 10 MB list) with a message that names it."""

from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadhandler import FileUploadHandler


class LimitedUploadHandler(FileUploadHandler):
    def __init__(self, request: Any = None) -> None:
        super().__init__(request)
        self.received = 0

    def handle_raw_input(
        self,
        input_data: Any,
        META: dict[str, Any],  # noqa: N803 -- Django's name for it
        content_length: int,
        boundary: Any,
        encoding: str | None = None,
    ) -> None:
        if content_length > settings.PARCOURS_UPLOAD_MAX_BYTES:
            raise RequestDataTooBig("The request body is larger than the upload limit.")

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > settings.PARCOURS_UPLOAD_MAX_BYTES:
            raise RequestDataTooBig("The uploaded file is larger than the upload limit.")
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None

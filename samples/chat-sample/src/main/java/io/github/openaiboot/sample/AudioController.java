package io.github.openaiboot.sample;

import io.github.openaiboot.audio.AudioClient;
import io.github.openaiboot.audio.SpeechRequest;
import io.github.openaiboot.audio.TranscriptionRequest;
import io.github.openaiboot.chat.ChatClient;
import io.github.openaiboot.core.UploadFile;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sample's voice questions: an uploaded recording is transcribed (streamed from the
 * browser's upload to OpenAI, never held in memory whole), answered by the chat model,
 * and the answer spoken back.
 *
 * @author openai-spring-boot
 */
@RestController
@RequestMapping("/api/audio")
class AudioController {

	private final AudioClient audioClient;

	private final ChatClient chatClient;

	AudioController(AudioClient audioClient, ChatClient chatClient) {
		this.audioClient = audioClient;
		this.chatClient = chatClient;
	}

	@PostMapping(path = "/ask", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	Mono<VoiceReply> ask(@RequestPart("file") FilePart file) {
		return this.audioClient
			.transcribe(TranscriptionRequest.builder(UploadFile.of(file.content(), file.filename())).build())
			.flatMap((transcription) -> this.chatClient.ask(transcription.text())
				.map((answer) -> new VoiceReply(transcription.text(), answer)));
	}

	@GetMapping("/speech")
	ResponseEntity<Flux<DataBuffer>> speech(@RequestParam String text) {
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType("audio/mpeg"))
			.body(this.audioClient.speech(SpeechRequest.builder(text).build()));
	}

	record VoiceReply(String transcript, String answer) {

	}

}

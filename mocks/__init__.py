"""Mock of the vets-api endpoints the Secure Messaging new-message flow uses, plus its control plane.

Run it with `python -m mocks serve`, or in-process with `mocks.server.start_server`; drive it with
`mocks.client.MockClient`.
"""

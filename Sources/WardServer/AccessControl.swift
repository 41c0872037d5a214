import Foundation
import Hummingbird
import WardApp
import WardCore

/// Decides who a request comes from. A request with a bearer token is its holder's, if the token is
/// valid and unrevoked; without one, only a loopback server answers, as the person at this machine.
struct AccessControl: Sendable {
    /// Why a request was refused.
    struct Refusal: Error {
        let message: String
    }

    /// Whether every request needs a token (any address but loopback).
    let requiresToken: Bool
    /// Checks tokens against the history's.
    let tokens: TokenService

    func caller(for request: Request) -> Result<Caller, Refusal> {
        guard let header = request.headers[.authorization] else {
            return requiresToken ? .failure(Refusal(message: "a bearer token is required (Authorization: Bearer TOKEN)")) : .success(.local)
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            return .failure(Refusal(message: "the Authorization header must be 'Bearer TOKEN'"))
        }
        do {
            guard let token = try tokens.authenticate(String(parts[1]).trimmingCharacters(in: .whitespaces)) else {
                return .failure(Refusal(message: "the token is unknown or revoked"))
            }
            return .success(Caller(token))
        } catch {
            return .failure(Refusal(message: "the token could not be checked"))
        }
    }
}
